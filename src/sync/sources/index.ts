// The sources `sync` knows: data (src/data/sync-sources.json) plus the module
// that speaks each one's protocol. A Landtag with numbered files needs only a
// new entry in the data file; a new protocol needs one module here.
import sources from '../../data/sync-sources.json' with { type: 'json' };
import type { SourceDef, SourceModule } from '../types.js';
import { dip } from './bt.js';
import { numbered } from './nw.js';

export const MODULES: Record<string, SourceModule> = { nw: numbered, bt: dip };

export const SOURCES = sources as Record<string, SourceDef>;
