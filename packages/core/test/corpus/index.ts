/**
 * The ElectroDB entity corpus: real-world schema objects gathered from public repositories (see
 * README.md in this folder for sources, licenses and features). Third-party test data kept with attribution.
 */
import type { CorpusEntry } from './corpus-types.js';
import aisflat439AutonomousAiCore from './entities/aisflat439__autonomous-ai__core.js';
import iOSonntagElectrodbMigrationsInternalEntities from './entities/iOSonntag__electrodb-migrations__internal-entities.js';
import ikushlianskiFamilyCarBookingBackendModels from './entities/ikushlianski__family-car-booking-backend__models.js';
import omikaderPastebinSnippet from './entities/omikader__pastebin__snippet.js';
import tcohenStartserverlessSeatleEntities from './entities/tcohen-startserverless__Seatle__entities.js';
import tywalchElectroDemoShare from './entities/tywalch__electro-demo__share.js';
import tywalchElectrodbExamplesLibrary from './entities/tywalch__electrodb__examples-library.js';
import tywalchElectrodbExamplesLocks from './entities/tywalch__electrodb__examples-locks.js';
import tywalchElectrodbExamplesTaskManager from './entities/tywalch__electrodb__examples-task-manager.js';
import tywalchElectrodbExamplesVersionControl from './entities/tywalch__electrodb__examples-version-control.js';
import tywalchElectrodbTestComplexHooks from './entities/tywalch__electrodb__test-complex-hooks.js';
import tywalchElectrodbTests from './entities/tywalch__electrodb__tests.js';
import tywalchElectrodbWwwDocs from './entities/tywalch__electrodb__www-docs.js';
import tywalchElectrodbWwwExamples from './entities/tywalch__electrodb__www-examples.js';
import yamatatsuPlayElectrodbEntities from './entities/yamatatsu__play-electrodb__entities.js';

export type { CorpusEntry, CorpusSource } from './corpus-types.js';

export const corpus: readonly CorpusEntry[] = [
  ...aisflat439AutonomousAiCore,
  ...iOSonntagElectrodbMigrationsInternalEntities,
  ...ikushlianskiFamilyCarBookingBackendModels,
  ...omikaderPastebinSnippet,
  ...tcohenStartserverlessSeatleEntities,
  ...tywalchElectroDemoShare,
  ...tywalchElectrodbExamplesLibrary,
  ...tywalchElectrodbExamplesLocks,
  ...tywalchElectrodbExamplesTaskManager,
  ...tywalchElectrodbExamplesVersionControl,
  ...tywalchElectrodbTestComplexHooks,
  ...tywalchElectrodbTests,
  ...tywalchElectrodbWwwDocs,
  ...tywalchElectrodbWwwExamples,
  ...yamatatsuPlayElectrodbEntities,
];
