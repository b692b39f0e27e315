package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabelFilterTest {

  @Test
  void labelsAndValuesAreJsonKeysTheEngineReadsBack() throws Exception {
    String encoded = new LabelFilter().is("com.docker.stack.namespace", "shop").has("se.kth.aspen.source").encoded();

    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
        .isEqualTo("{\"label\":{\"com.docker.stack.namespace=shop\":true,\"se.kth.aspen.source\":true}}");
  }

  @Test
  void aQuoteInAValueStaysInsideItsKey() throws Exception {
    String encoded = new LabelFilter().is("com.docker.stack.namespace", "a\",\"b\":true,\"c").encoded();

    var labels = new ObjectMapper().readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).path("label");
    assertThat(labels.size()).isEqualTo(1);
    assertThat(labels.fieldNames().next()).isEqualTo("com.docker.stack.namespace=a\",\"b\":true,\"c");
  }
}
