package se.kth.aspen.swarm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClusterStatusDirectorySignaturesTest {

  @Test
  void speaksOnlyJdkAndCoreTypesInItsPublicSignatures() {
    Stream<Type> types = Arrays.stream(ClusterStatusDirectory.class.getMethods())
        .flatMap(ClusterStatusDirectorySignaturesTest::signatureTypes);

    assertThat(types.map(Type::getTypeName)).allSatisfy(name -> assertThat(name)
        .matches("(java\\.|se\\.kth\\.aspen\\.core\\.|se\\.kth\\.aspen\\.swarm\\.cluster\\.ClusterStatusDirectory\\b|void|boolean|int|long).*"));
  }

  private static Stream<Type> signatureTypes(Method method) {
    return Stream.concat(Stream.of(method.getGenericReturnType()),
        Stream.concat(Arrays.stream(method.getGenericParameterTypes()), Arrays.stream(method.getGenericExceptionTypes())));
  }
}
