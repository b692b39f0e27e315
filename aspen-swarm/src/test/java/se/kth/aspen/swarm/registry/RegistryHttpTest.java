package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;

class RegistryHttpTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private final RegistryHttp http = new RegistryHttp(Duration.ofSeconds(5), 1024, ConnectionOpener.withDefaultTls(),
      new ConnectionPool(16, Duration.ofSeconds(30)));

  private byte[] fetch(String path) throws Exception {
    return http.send("listing tags of x", "registry r", "GET", URI.create(server.baseUrl() + path), List.of(),
        Optional.empty(), Deadline.in(Duration.ofSeconds(5))).body();
  }

  @Test
  void readsABodyUpToTheLimit() throws Exception {
    server.stubFor(get(urlPathEqualTo("/small")).willReturn(aResponse().withStatus(200).withBody("a".repeat(1024))));

    assertThat(fetch("/small")).hasSize(1024);
  }

  @Test
  void refusesABodyPastTheLimit() {
    server.stubFor(get(urlPathEqualTo("/large")).willReturn(aResponse().withStatus(200).withBody("a".repeat(64 * 1024))));

    assertThatThrownBy(() -> fetch("/large"))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of x: registry r sent an answer larger than 1024 bytes");
  }

  @Test
  void asksAPlainHttpRegistryInHttp11WithoutOfferingAnUpgrade() throws Exception {
    server.stubFor(get(urlPathEqualTo("/v2/app/tags/list")).willReturn(aResponse().withStatus(200).withBody("{}")));

    fetch("/v2/app/tags/list");
    fetch("/v2/app/tags/list");

    server.verify(2, getRequestedFor(urlPathEqualTo("/v2/app/tags/list")).withoutHeader("Upgrade").withoutHeader("HTTP2-Settings"));
  }
}
