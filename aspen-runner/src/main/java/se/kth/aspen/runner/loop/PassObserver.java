package se.kth.aspen.runner.loop;

import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.PassReport;

/** Hears what the loop's passes did: metrics, logs, the API's last results. Must not throw. */
public interface PassObserver {

  /** One app's result, as soon as it is known, from a pass thread. */
  default void appDone(AppResult result) {}

  /** A pass ended with a report. */
  default void passDone(PassReport report) {}

  /** A pass ended with an exception instead of a report. */
  default void passCrashed(Throwable failure) {}
}
