package se.kth.aspen.core.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What ordering adds to every deploy and plan of a stack: the waves of a 20-service stack, without
 * any {@code depends_on} (one wave, as before ordering existed) and as a chain of 20.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServiceOrderBenchmark {

  @Param({"none", "chain"})
  public String dependsOn;

  private StackModel model;

  @Setup
  public void read() throws Exception {
    StringBuilder yaml = new StringBuilder("services:\n");
    for (int i = 0; i < 20; i++) {
      yaml.append("  s").append(i).append(":\n    image: 127.0.0.1:5000/busybox:1.2.3\n");
      if (dependsOn.equals("chain") && i > 0) {
        yaml.append("    depends_on: [s").append(i - 1).append("]\n");
      }
    }
    Path file = Files.createTempFile("order", ".yml");
    Files.writeString(file, yaml);
    model = new StackReader().read(file, "docker-stack.yml", Map.of());
    Files.delete(file);
  }

  @Benchmark
  public ServiceOrder waves() {
    return ServiceOrder.of(model);
  }
}
