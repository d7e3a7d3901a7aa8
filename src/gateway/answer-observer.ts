/** Sees the successful answer as it goes to the client (JSON body or stream frames), e.g. to store it. */
export interface AnswerObserver {
  json(text: string): void;
  frames(text: string): void;
}
