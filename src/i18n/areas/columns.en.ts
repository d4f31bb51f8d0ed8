// How a sheet's headers map to columns (src/records/columns.ts, --map, --mapping): warnings and errors.

export const columnsEn = {
  columnUnknown: 'unknown column: kept as a possible custom property (use --map "Header=column" if it is one of the standard columns)',
  columnAlsoMaps: (column: string, earlier: string) => `also maps to ${column} (already taken by "${earlier}"); this column is ignored`,
  columnMapMissing: (header: string, headers: string) => `--map/--mapping names a column "${header}" that the file does not have (a typo?); the file's columns: ${headers}`,
  columnTargetUnknown: (where: string, target: string, columns: string) => `${where}: unknown column "${target}" (use one of ${columns} or custom:NAME)`,
  columnMapFlagShape: (flag: string) => `--map "${flag}": expected "Header=column", e.g. --map "Рабочий e-mail=email"`,
  columnMappingNotFound: (file: string) => `--mapping ${file}: file not found`,
  columnMappingNotJson: (file: string) => `--mapping ${file}: not valid JSON`,
  columnMappingShape: (file: string) => `--mapping ${file}: expected a JSON object {"Header": "column"}`,
  columnMappingValue: (file: string, header: string) => `--mapping ${file}: the value for "${header}" must be a column name string`,
  columnCustomMissing: (file: string, header: string, name: string, known: string) => `${file}: column "${header}" maps to custom property "${name}", which does not exist in Pachca (known: ${known})`,
  columnCustomNamedMissing: (file: string, header: string, name: string) => `${file}: column "${header}" names custom property "${name}", which does not exist in Pachca`,
};
