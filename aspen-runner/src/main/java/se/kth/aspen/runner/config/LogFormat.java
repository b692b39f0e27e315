package se.kth.aspen.runner.config;

/** How log lines look: for people, or one JSON object per line for a log pipeline. */
public enum LogFormat {
  PLAIN,
  JSON
}
