package se.kth.aspen.runner.loop;

import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.PassReport;

/** Runs one pass. May throw anything: the loop reports it and goes on. */
@FunctionalInterface
public interface PassExecution {

  PassReport run(PassListener listener) throws Exception;
}
