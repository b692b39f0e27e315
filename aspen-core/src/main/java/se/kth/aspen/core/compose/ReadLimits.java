package se.kth.aspen.core.compose;

/**
 * Bounds on what reading one stack file may cost. Everything in the application registry is
 * untrusted input, so a hostile or broken file must end in an error, never in a hang or an
 * exhausted heap.
 *
 * @param maxFileBytes the largest file read at all
 * @param maxAliases how many aliases of mappings or lists a file may use (the alias-bomb guard
 *     while parsing)
 * @param maxDepth how deeply mappings and lists may nest
 * @param maxNodes how many nodes the tree may have once aliases are expanded (the alias-bomb
 *     guard after parsing: a few aliases can still double a tree many times over)
 */
public record ReadLimits(int maxFileBytes, int maxAliases, int maxDepth, int maxNodes) {

  /** 1 MiB, 100 aliases, depth 64, 500 000 nodes: far beyond any real stack file. */
  public static final ReadLimits DEFAULT = new ReadLimits(1 << 20, 100, 64, 500_000);

  public ReadLimits {
    if (maxFileBytes < 1 || maxAliases < 0 || maxDepth < 2 || maxNodes < 1) {
      throw new IllegalArgumentException("read limits must be positive, got " + maxFileBytes + " bytes, "
          + maxAliases + " aliases, depth " + maxDepth + ", " + maxNodes + " nodes");
    }
  }
}
