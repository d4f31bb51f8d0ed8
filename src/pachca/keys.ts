// How the API compares the things the tool looks up: emails and tag names, both case-insensitive.

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function tagKey(name: string): string {
  return name.trim().toLowerCase();
}
