/** Time is passed in, so tests and evidence timestamps do not depend on the wall clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
