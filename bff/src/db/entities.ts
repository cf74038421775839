import { CitizenEntity } from '../modules/auth/citizen.entity';
import { CaseEntity } from '../modules/cases/case.entity';

/** Every entity of the BFF; migrations are generated against this list. */
export const ENTITIES = [CitizenEntity, CaseEntity];
