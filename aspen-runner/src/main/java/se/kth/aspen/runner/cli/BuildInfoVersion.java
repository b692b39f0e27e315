package se.kth.aspen.runner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version and the git revision the jar was built from, for {@code --version}. */
final class BuildInfoVersion implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
        "aspen " + property("/aspen-build.properties", "version") + " (git " + property("/aspen-revision.properties", "revision") + ")",
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"};
  }

  private static String property(String resource, String key) {
    try (InputStream in = BuildInfoVersion.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(key, "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
