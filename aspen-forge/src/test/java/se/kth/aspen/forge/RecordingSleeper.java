package se.kth.aspen.forge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the pauses asked for and returns at once. */
final class RecordingSleeper implements Sleeper {

  final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    pauses.add(duration);
  }
}
