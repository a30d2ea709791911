import { Injectable } from '@nestjs/common';

/** Whether this instance is draining (stopping): its readiness probe then answers 503 so the balancer stops sending. */
@Injectable()
export class Lifecycle {
  draining = false;
}
