// Data the add-in keeps inside the workbook (undo record, marks, edited templates): Office document settings.

export interface DocumentStore {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export const STORE_KEYS = {
  undo: "budgetDisclosure.undo",
  highlights: "budgetDisclosure.highlights",
  templates: "budgetDisclosure.templates",
  lastCheck: "budgetDisclosure.lastCheck",
} as const;

/** Office.context.document.settings; saved into the file with saveAsync so it survives closing the pane. */
export class OfficeSettingsStore implements DocumentStore {
  private get settings(): Office.Settings {
    return Office.context.document.settings;
  }
  get<T>(key: string): T | null {
    const v = this.settings.get(key) as T | undefined | null;
    return v === undefined ? null : v;
  }
  set(key: string, value: unknown): Promise<void> {
    this.settings.set(key, value);
    return this.save();
  }
  remove(key: string): Promise<void> {
    this.settings.remove(key);
    return this.save();
  }
  private save(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.settings.saveAsync((res) => {
        if (res.status === Office.AsyncResultStatus.Succeeded) resolve();
        else reject(res.error);
      });
    });
  }
}

/** In memory, for tests and for hosts without document settings. */
export class MemoryStore implements DocumentStore {
  readonly data = new Map<string, string>();
  get<T>(key: string): T | null {
    const v = this.data.get(key);
    return v === undefined ? null : (JSON.parse(v) as T);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.stringify(value));
  }
  async remove(key: string): Promise<void> {
    this.data.delete(key);
  }
}
