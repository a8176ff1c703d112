// For the TypeORM CLI only (`npm run migration:generate -- migrations/<timestamp>-<VerbNoun>`).
import { createDataSource } from '@vpp/persistence';

export default createDataSource();
