package se.kth.aspen.runner.loop;

import java.util.Set;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.PassReport;

/** Runs one pass. May throw anything: the loop reports it and goes on. */
@FunctionalInterface
public interface PassExecution {

  PassReport run(PassListener listener) throws Exception;

  /** A pass over the named applications only; a whole pass unless overridden. */
  default PassReport runFor(Set<String> applications, PassListener listener) throws Exception {
    return run(listener);
  }
}
