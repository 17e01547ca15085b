/** Bad input or usage: exit status 2, message printed as is (no stack trace). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit statuses (docs/contract.md). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
