// State of loading a national data pack on the 国の参照データ page: choose a JSON file → the server's
// check (what would change, whose statuses) → confirm → apply; or roll the active pack back. The server
// decides everything (validation, newer version, audit); this only holds the steps and their results.
import { ApiError, api } from './api.ts';
import type { ApiFieldError, PackApplyResult, PackPreview } from './types.ts';

export type PackPhase = 'idle' | 'checking' | 'checked' | 'confirm' | 'applying' | 'applied' | 'failed';

/** A file's text as a pack, or the reason it is not JSON (in Japanese). */
export function parsePackText(text: string): { pack: unknown } | { error: string } {
  try {
    return { pack: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `ファイルを JSON として読めません（${(err as Error).message}）。データパックの JSON ファイルを選んでください。` };
  }
}

export class PackLoader {
  phase: PackPhase = $state('idle');
  fileName = $state('');
  preview: PackPreview | null = $state(null);
  result: PackApplyResult | null = $state(null);
  error: string | null = $state(null);
  problems: ApiFieldError[] = $state([]);
  #pack: unknown = null;

  constructor(private readonly onChanged: () => void = () => undefined) {}

  #fail(err: unknown): void {
    this.phase = 'failed';
    this.error = err instanceof ApiError ? err.message : (err as Error).message;
    this.problems = err instanceof ApiError ? err.fieldErrors : [];
  }

  /** Reads the file and asks the server what it would change. */
  async choose(file: File): Promise<void> {
    this.fileName = file.name;
    this.preview = null;
    this.result = null;
    this.error = null;
    this.problems = [];
    const parsed = parsePackText(await file.text());
    if ('error' in parsed) {
      this.phase = 'failed';
      this.error = parsed.error;
      return;
    }
    this.#pack = parsed.pack;
    this.phase = 'checking';
    try {
      this.preview = await api('POST /reference-packs/preview', { body: parsed.pack });
      this.phase = 'checked';
    } catch (err) {
      this.#fail(err);
    }
  }

  ask(): void {
    if (this.phase === 'checked' && this.preview?.newer) this.phase = 'confirm';
  }

  back(): void {
    if (this.phase === 'confirm') this.phase = 'checked';
  }

  async apply(): Promise<void> {
    if (this.phase !== 'confirm') return;
    this.phase = 'applying';
    try {
      this.result = await api('POST /reference-packs', { body: this.#pack });
      this.phase = 'applied';
      this.onChanged();
    } catch (err) {
      this.#fail(err);
    }
  }

  async rollback(packId: number): Promise<void> {
    this.preview = null;
    this.error = null;
    this.problems = [];
    this.fileName = '';
    this.phase = 'applying';
    try {
      this.result = await api('POST /reference-packs/:packId/rollback', { params: { packId } });
      this.phase = 'applied';
      this.onChanged();
    } catch (err) {
      this.#fail(err);
    }
  }
}
