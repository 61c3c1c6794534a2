/**
 * Runs the operations handed to it one after the other, each once the one before has settled
 * (a failure does not stop the next). The push store queues its subscribe and unsubscribe with it.
 * The app's notifier and the service worker's push handler use it because Chromium's
 * getNotifications() deletes from its store a notification still on its way to the screen when
 * the read began, so a read must never overlap a show.
 */
export function oneAtATime(): <T>(operation: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (operation) => {
    const run = tail.then(operation, operation);
    tail = run.catch(() => undefined);
    return run;
  };
}
