package se.kth.aspen.core.pass;

/** Hears each target's result as soon as it is known, for progress lines; called from pass threads. */
@FunctionalInterface
public interface PassListener {

  PassListener NONE = result -> {};

  /** Must return quickly and not throw; an exception here is logged and ignored. */
  void onResult(AppResult result);
}
