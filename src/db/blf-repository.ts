import { BLF_KEY, sanitizeBlfList, type BlfList } from './settings-rows';
import type { SettingsRepository } from './settings-repository';

export {
  BLF_KEY,
  sanitizeBlfList,
  type BlfColleague,
  type BlfList,
  type BlfSpeedDial,
} from './settings-rows';

export interface BlfRepository {
  load(): Promise<BlfList>;
  save(list: BlfList): Promise<void>;
}

export function createBlfRepository(settings: SettingsRepository): BlfRepository {
  return {
    async load() {
      return sanitizeBlfList(await settings.get(BLF_KEY));
    },
    async save(list) {
      await settings.set(BLF_KEY, sanitizeBlfList(list));
    },
  };
}
