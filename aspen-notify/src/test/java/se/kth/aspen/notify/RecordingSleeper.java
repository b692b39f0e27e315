package se.kth.aspen.notify;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records the pauses asked for; returns at once, or holds the sender until released. */
final class RecordingSleeper implements Sleeper {

  final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final CountDownLatch release;

  private RecordingSleeper(CountDownLatch release) {
    this.release = release;
  }

  static RecordingSleeper instant() {
    return new RecordingSleeper(new CountDownLatch(0));
  }

  /** Holds the sender in its first pause until {@link #release()}. */
  static RecordingSleeper holding() {
    return new RecordingSleeper(new CountDownLatch(1));
  }

  void release() {
    release.countDown();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    pauses.add(duration);
    release.await();
  }
}
