// PDF table finder (lattice and stream strategies). Placeholder until built.
import type { TableFinder } from '../../flow.js';

export const pdfTableFinder: TableFinder | undefined = undefined;
