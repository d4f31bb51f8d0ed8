// Numbers as Russian text (decimal comma, thousands grouped). Each format is made on first use:
// the first Intl.NumberFormat of a run costs ~15 ms (ICU data), which an English run need not pay.

function lazyFormat(options: Intl.NumberFormatOptions): (value: number) => string {
  let made: Intl.NumberFormat | undefined;
  return (value) => (made ??= new Intl.NumberFormat('ru-RU', options)).format(value);
}

/** Up to three decimals: "1 234", "20,3". */
export const ruNumber = lazyFormat({});
/** Always one decimal: "2,0", "0,5". */
export const ruOneDecimal = lazyFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
