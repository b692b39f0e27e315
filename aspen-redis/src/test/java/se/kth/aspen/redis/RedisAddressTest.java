package se.kth.aspen.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    "redis                              | redis     | 6379 | 0 | false | -     | -      | redis://redis:6379",
    "redis:6390                         | redis     | 6390 | 0 | false | -     | -      | redis://redis:6390",
    "redis://127.0.0.1:6390             | 127.0.0.1 | 6390 | 0 | false | -     | -      | redis://127.0.0.1:6390",
    "redis://127.0.0.1/2                | 127.0.0.1 | 6379 | 2 | false | -     | -      | redis://127.0.0.1:6379/2",
    "rediss://cache.example.org:6380    | cache.example.org | 6380 | 0 | true | - | - | rediss://cache.example.org:6380",
    "redis://:s3cret@redis:6379         | redis     | 6379 | 0 | false | -     | s3cret | redis://redis:6379",
    "redis://aspen:s3cr%40t@redis:6379  | redis     | 6379 | 0 | false | aspen | s3cr@t | redis://redis:6379",
    "redis://s3cret@redis               | redis     | 6379 | 0 | false | -     | s3cret | redis://redis:6379",
  })
  void readsEveryFormTheOldToolAccepted(String text, String host, int port, int db, boolean tls, String user,
      String password, String shown) {
    RedisAddress address = RedisAddress.parse(text);

    assertThat(address).isEqualTo(new RedisAddress(host, port, db, tls, Optional.ofNullable(user),
        Optional.ofNullable(password)));
    assertThat(address.toString()).isEqualTo(shown);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "http://redis:6379                 | REDIS_URL \"http://redis:6379\" must start with redis:// or rediss://",
    "redis://redis:6379/x              | REDIS_URL \"redis://redis:6379/x\" has \"/x\" where a database number goes",
    "redis://:s3cret@redis:6379/x      | REDIS_URL (a URL with credentials, not shown) has \"/x\" where a database number goes",
    "'   '                             | REDIS_URL is empty",
  })
  void refusesOtherTextSayingWhyWithoutThePassword(String text, String message) {
    assertThatThrownBy(() -> RedisAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
