package se.kth.aspen.core.pass;

/**
 * The output type of a chain's last stage. It has no instance, so such a stage can only give
 * back {@link Next.Done}: the type system, not a convention, says the chain ends there.
 */
final class Finished implements Progress {

  private Finished() {
    throw new AssertionError("no instance");
  }

  @Override
  public Known known() {
    throw new AssertionError("no instance");
  }
}
