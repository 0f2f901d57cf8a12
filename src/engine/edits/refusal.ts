/**
 * Thrown inside planners when an intent cannot be carried out on this text; `planIntent` turns it
 * into `{ refused: reason }`, so the public API never throws for the user's input. The message is
 * shown to the user as it is.
 */
export class PlanRefusal extends Error {
  /** Creates a refusal with a reason meant for the user. */
  constructor(reason: string) {
    super(reason);
    this.name = 'PlanRefusal';
  }
}

/** Refuses the intent being planned with a reason meant for the user. */
export function refuse(reason: string): never {
  throw new PlanRefusal(reason);
}
