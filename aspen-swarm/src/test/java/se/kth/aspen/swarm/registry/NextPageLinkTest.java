package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NextPageLinkTest {

  private static final URI PAGE = URI.create("https://registry.example.com/v2/team/app/tags/list?n=100");

  @ParameterizedTest(name = "{0} leads to {1}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "</v2/team/app/tags/list?last=b&n=100>; rel=\"next\"     | https://registry.example.com/v2/team/app/tags/list?last=b&n=100",
      "<https://cdn.example.com/v2/team/app/tags/list?last=b>; rel=next | https://cdn.example.com/v2/team/app/tags/list?last=b",
      "<list?last=c&n=100>;rel=\"next\"                        | https://registry.example.com/v2/team/app/tags/list?last=c&n=100",
      "</first>; rel=\"prev\", </v2/next>; rel=\"next\"          | https://registry.example.com/v2/next",
      "</v2/next>; title=\"x\"; rel=\"prefetch next\"            | https://registry.example.com/v2/next",
      "</first>; rel=\"prev\"                                  | none",
  })
  void findsTheNextPage(String header, String expected) {
    assertThat(NextPageLink.find(PAGE, List.of(header.strip())))
        .isEqualTo(Optional.ofNullable(expected).map(URI::create));
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "<ftp://mirror.example/tags>; rel=\"next\"",
      "<file:///etc/passwd>; rel=\"next\"",
      "<http://[bad>; rel=\"next\"",
  })
  void refusesANextPageThatIsNotHttp(String header) {
    assertThatThrownBy(() -> NextPageLink.find(PAGE, List.of(header)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Link header \"" + header + "\" has no usable URL");
  }
}
