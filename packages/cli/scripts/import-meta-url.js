// Injected into the CommonJS bundle (scripts/bundle.mjs): what `import.meta.url` stands for there.
/* global __filename -- defined in the CommonJS bundle this is injected into */
import { pathToFileURL } from 'node:url';

export const import_meta_url = pathToFileURL(__filename).href;
