/** A formatter renders the truth about a subject in one agency's own feedback format. */
import type { ChannelId } from '../../../shared/domain/channels';
import type { Subject } from '../population/types';

export interface RenderInput {
  /** undefined when the agency holds no record of the subject (answered with no records) */
  subject: Subject | undefined;
  /** repeat one record (the duplicate-delivery quirk) */
  duplicate: boolean;
  /** when the agency answers (ISO instant) */
  answeredAt: string;
  /** the gateway's reference for the request */
  gatewayRef: string;
}

export interface FeedbackFormatter {
  channel: ChannelId;
  render(input: RenderInput): unknown;
}
