// Re-reads of one object after an engine event, coalesced: an event that arrives while the same
// object's read is in flight asks for one more read after it (not one per event), so a burst of
// events costs at most two reads. Shared by the engine model and the swarm model.

export class CoalescedReads {
  private readonly inFlight = new Map<string, { again: boolean }>();

  /**
   * Runs `read` for `key` now, or marks the read in flight to run once more when it ends.
   * `read` resolves to false to stop repeating (the model moved on to another engine).
   */
  request(key: string, read: () => Promise<boolean>): void {
    const running = this.inFlight.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const slot = { again: false };
    this.inFlight.set(key, slot);
    const run = async (): Promise<void> => {
      do {
        slot.again = false;
        if (!(await read())) break;
      } while (slot.again);
      this.inFlight.delete(key);
    };
    void run();
  }
}
