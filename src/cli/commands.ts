// dist/commands.js: the CLI's rarely-used commands (`import`, `timeline`) in a bundle of their own,
// which dist/cli.js loads only when one of them is asked for, so that `lorekeeper check` never
// compiles the wiki importer (XML, bzip2, 7-Zip) or the timeline's drawing (onDemand.ts).
import { runAsImportWorker } from './import/parallelRead';
import { runAsParseWorker } from './parallelParse';

export { runImportCommand } from './import/command';
export { runTimeline } from './timeline';
/** The class of this bundle's usage errors, for dist/cli.js to tell them apart (onDemand.ts). */
export { UsageError } from './project';

// Their workers start this file again (`new Worker(__filename)`): an import's second reader, or the
// lore parsers of the timeline's project. On the main thread both return false and nothing runs.
if (!runAsImportWorker()) runAsParseWorker();
