package se.kth.aspen.runner.report;

import se.kth.aspen.core.diff.FieldChange;
import se.kth.aspen.core.diff.RegistryDiff;
import se.kth.aspen.core.diff.ServiceChange;
import se.kth.aspen.core.diff.TargetChange;

/** {@code plan --diff} for a terminal: one block per target, indented by service, then a summary line. */
public final class DiffText {

  private DiffText() {}

  public static String render(RegistryDiff diff) {
    StringBuilder out = new StringBuilder();
    for (TargetChange target : diff.targets()) {
      out.append(DiffSummary.heading(target)).append('\n');
      for (String file : target.files()) {
        out.append("  ").append(file).append('\n');
      }
      for (FieldChange field : target.stack()) {
        out.append("  ").append(field).append('\n');
      }
      for (ServiceChange service : target.services()) {
        out.append("  service ").append(service.service()).append(' ').append(DiffSummary.word(service.change())).append('\n');
        for (FieldChange field : service.fields()) {
          out.append("    ").append(field).append('\n');
        }
      }
      target.order().ifPresent(order -> out.append("  deploy order: ").append(order).append('\n'));
      for (String warning : target.warnings()) {
        out.append("  warning: ").append(warning).append('\n');
      }
      for (String problem : target.problems()) {
        out.append("  would fail: ").append(problem).append('\n');
      }
    }
    for (String problem : diff.problems()) {
      out.append("problem: ").append(problem).append('\n');
    }
    out.append('\n').append(diff.base()).append("..").append(diff.head()).append(": ").append(DiffSummary.line(diff)).append('\n');
    return out.toString();
  }
}
