// What both languages share about budgets: the diagnostic code of "a budget was hit here" notes,
// which no setting turns off (they say why other findings may be missing).
export const LIMIT_CODE = 'analysis-limit';
