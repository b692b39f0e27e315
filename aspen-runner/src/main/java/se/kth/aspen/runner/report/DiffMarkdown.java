package se.kth.aspen.runner.report;

import se.kth.aspen.core.diff.FieldChange;
import se.kth.aspen.core.diff.RegistryDiff;
import se.kth.aspen.core.diff.ServiceChange;
import se.kth.aspen.core.diff.TargetChange;

/**
 * {@code plan --diff --format markdown}: a pull-request comment. A summary line, then one
 * collapsible section per target in stack-path order (open when its deploy would fail), each a
 * table of field changes. The text depends only on the two revisions' content, never on the time
 * or the machine, so a re-run that finds the same difference writes the same comment.
 */
public final class DiffMarkdown {

  /** The first line, by which a CI job finds its earlier comment to edit. */
  public static final String MARKER = "<!-- aspen plan --diff -->";

  private DiffMarkdown() {}

  public static String render(RegistryDiff diff) {
    StringBuilder out = new StringBuilder(MARKER).append('\n');
    out.append("### Aspen plan: ").append(DiffSummary.line(diff)).append("\n\n");
    out.append("`").append(code(diff.base())).append("` → `").append(code(diff.head())).append("`\n");
    for (TargetChange target : diff.targets()) {
      out.append('\n').append(target.wouldFail() ? "<details open>" : "<details>").append('\n');
      out.append("<summary>").append(target.wouldFail() ? "❌ " : "").append("<code>").append(html(target.application()))
          .append('/').append(html(target.cluster())).append("</code> ").append(DiffSummary.word(target.change()))
          .append(target.wouldFail() ? ", would fail" : "").append("</summary>\n\n");
      for (String problem : target.problems()) {
        out.append("- **would fail**: ").append(cell(problem)).append('\n');
      }
      for (String warning : target.warnings()) {
        out.append("- **warning**: ").append(cell(warning)).append('\n');
      }
      target.order().ifPresent(order -> out.append("- deploy order: ").append(cell(order.toString())).append('\n'));
      for (String file : target.files()) {
        out.append("- ").append(cell(file)).append('\n');
      }
      if (!target.problems().isEmpty() || !target.warnings().isEmpty() || target.order().isPresent() || !target.files().isEmpty()) {
        out.append('\n');
      }
      boolean any = !target.stack().isEmpty() || !target.services().isEmpty();
      if (any) {
        out.append("| service | field | before | after |\n|---|---|---|---|\n");
        for (FieldChange field : target.stack()) {
          row(out, "(stack)", field);
        }
        for (ServiceChange service : target.services()) {
          for (FieldChange field : service.fields()) {
            row(out, service.service() + (service.change().name().equals("CHANGED") ? "" : " (" + DiffSummary.word(service.change()) + ")"),
                field);
          }
        }
        out.append('\n');
      }
      out.append("</details>\n");
    }
    for (String problem : diff.problems()) {
      out.append("\n- ").append(cell(problem)).append('\n');
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String service, FieldChange field) {
    out.append("| ").append(cell(service)).append(" | `").append(code(field.field())).append("` | ")
        .append(field.before().map(v -> "`" + code(v) + "`").orElse("")).append(" | ")
        .append(field.after().map(v -> "`" + code(v) + "`").orElse("")).append(" |\n");
  }

  /** Text in a table cell or list item: no pipe or line break may end the cell, no tag may open. */
  private static String cell(String text) {
    return html(text).replace("|", "\\|").replace("\n", " ");
  }

  /** Text inside backticks: a backtick would end the span, a pipe the cell. */
  private static String code(String text) {
    return text.replace("`", "'").replace("|", "\\|").replace("\n", " ");
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
