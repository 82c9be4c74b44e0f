/**
 * Errors the domain raises on purpose. Each carries a message written for the person in the
 * chat; front ends show it as an ephemeral reply. `field` names the form input at fault, when any.
 */
export class DomainError extends Error {
  constructor(
    readonly userMessage: string,
    readonly field?: string,
  ) {
    super(userMessage);
    this.name = new.target.name;
  }
}

/** The person may not do this (not an approver, not allowed to request, self-approval). */
export class AccessDenied extends DomainError {}

/** The request breaks a rule of the policy (duration over the maximum, missing reason). */
export class PolicyViolation extends DomainError {}

/** The thing named does not exist (unknown group, unknown request). */
export class NotFound extends DomainError {}

/** The thing changed under us (request already decided, grant already ended). */
export class Conflict extends DomainError {}

/** What the person typed could not be understood. */
export class InvalidInput extends DomainError {}
