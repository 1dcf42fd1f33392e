import type { ValidatedHandler } from '@finops/http-kit';
import type { Request } from 'express';
import { principalOf } from '../auth/principal';
import { decodeExportRequest, type OtlpFormat } from './otlp-decode';
import { encodeExportResponse, OTLP_CONTENT_TYPES } from './otlp-response';
import { spansOf } from './otlp-spans';
import type { OtlpService } from './otlp.service';

const formatOf = (req: Pick<Request, 'is'>): OtlpFormat => (req.is('application/x-protobuf') ? 'protobuf' : 'json');

export function otlpHandlers(service: OtlpService, now: () => Date) {
  // The body is bytes read by rawBody (see otlp.routes), not a zod-validated document.
  const exportTraces: ValidatedHandler<object> = async (req, res) => {
    const receivedAt = now();
    const format = formatOf(req);
    const spans = spansOf(decodeExportRequest(req.body as Buffer, format));
    const outcome = await service.export(principalOf(req).orgId, spans, receivedAt);
    res.status(200).type(OTLP_CONTENT_TYPES[format]).send(encodeExportResponse(outcome, format));
  };
  return { exportTraces };
}
