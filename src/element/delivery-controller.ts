// The prompt's side of delivery, as a Lit reactive controller: every answer is written to this
// device's queue at once (stash.ts, in the first bundle; the queue's own code comes with the
// delivery part), and the delivery code — the queue, sending, retrying, the page-lifecycle
// triggers, the view counts — is fetched from beside the widget only once there is something to
// send: when the prompt has been seen (a view), when the user answers, or when this browser still
// has answers queued from an earlier visit. It reports what happens to the prompt's responses,
// and stops listening when the prompt leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WelcomedResponse } from '../contract/response.js';
import type { DeliveryReport } from '../delivery/delivery.js';
import type { Transport } from '../delivery/send.js';
import { hasQueued, stashResponse } from './stash.js';

type DeliveryModule = typeof import('../delivery/delivery.js');
type Delivery = ReturnType<DeliveryModule['deliveryFor']>;

let deliveryModule: Promise<DeliveryModule> | undefined;

function loadDelivery(): Promise<DeliveryModule> {
  deliveryModule ??= import('../delivery/delivery.js').catch((error: unknown) => {
    deliveryModule = undefined;
    throw error;
  });
  return deliveryModule;
}

/** Queues and delivers one prompt's responses to its endpoint, and reports what became of them. */
export class DeliveryController implements ReactiveController {
  private endpoint: string | undefined;
  private stopListening: (() => void) | null = null;

  /**
   * @param onReport told what happened to each response: the prompt's own, and those queued
   *   on earlier page loads (which the prompt only passes on as events).
   */
  constructor(
    host: ReactiveControllerHost,
    private readonly onReport: (report: DeliveryReport) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /**
   * Points the controller at an endpoint (or none, when the configuration is invalid). Answers
   * this browser queued for it on an earlier visit are retried: looked for in a task of their
   * own after the first render, as the scan reads every key in localStorage. `hasOwnAnswer`
   * tells whether the prompt has answered meanwhile, in which case its own send flushes them.
   */
  configure(endpoint: string | undefined, hasOwnAnswer: () => boolean): void {
    this.stop();
    this.endpoint = endpoint;
    if (!endpoint) return;
    setTimeout(() => {
      if (!hasOwnAnswer() && this.endpoint === endpoint && hasQueued(endpoint)) {
        this.withDelivery((delivery) => void delivery.flush('now')).catch(() => undefined);
      }
    });
  }

  /**
   * Queues a response with its secret on this device at once, then sends it (the delivery code
   * may still be loading). Older answers given up because the queue was full are reported
   * (`given-up`) once the delivery code has queued it again.
   */
  send(response: WelcomedResponse, transport: Transport, secret?: string): void {
    stashResponse(this.endpoint!, response, transport, secret);
    this.withDelivery((delivery) => delivery.submit(response, transport, this.onReport, secret)).catch(() => {
      // Offline before the delivery code could load: the answer waits in the queue for the
      // next visit, which retries it.
      this.onReport({ kind: 'queued', id: response.id, reason: 'network' });
    });
  }

  /**
   * Counts one view of the prompt (it has been seen): loads the delivery code, which batches the
   * count and sends it. A count lost because the code could not load is not retried.
   */
  countView(change: string, locale: string): void {
    this.withDelivery((_, module, endpoint) => module.countView(endpoint, change, locale)).catch(() => undefined);
  }

  /** Loads the delivery code, listens to its reports for this endpoint, then runs `task`. */
  private async withDelivery(task: (delivery: Delivery, module: DeliveryModule, endpoint: string) => void): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const module = await loadDelivery();
    if (this.endpoint !== endpoint) return;
    const delivery = module.deliveryFor(endpoint);
    this.stopListening ??= delivery.listen(this.onReport);
    module.watchPageLifecycle();
    task(delivery, module, endpoint);
  }

  private stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }
}
