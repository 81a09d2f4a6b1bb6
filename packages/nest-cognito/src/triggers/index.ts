/**
 * nest-cognito/triggers: the types of a user pool's Lambda trigger events and handlers, for an
 * application's own functions. Types only: importing them (`import type`) adds nothing to a
 * function's bundle, and this entry imports no other package, not even NestJS.
 */
export type * from './trigger-events.js';
export type {
  TriggerCallback,
  TriggerContext,
  TriggerHandler,
  TriggerHandlers,
  TriggerName,
} from './trigger-handler.js';
