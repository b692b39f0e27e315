package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package shows one entry type and its settings, and speaks only JDK and aspen-core types,
 * plus the registry package's {@code Registries} (the logins it sends to engines).
 */
class PublicSurfaceTest {

  private static List<Class<?>> packageClasses() throws Exception {
    Path dir = Path.of(SwarmOrchestrator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("se/kth/aspen/swarm");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        if (!name.equals("package-info")) {
          classes.add(Class.forName("se.kth.aspen.swarm." + name.replace('/', '.')));
        }
      }
    }
    return classes;
  }

  @Test
  void onlyTheOrchestratorAndItsSettingsArePublic() throws Exception {
    assertThat(packageClasses()).filteredOn(c -> Modifier.isPublic(c.getModifiers()))
        .extracting(Class::getSimpleName)
        .containsExactlyInAnyOrder("SwarmOrchestrator", "SwarmSettings");
  }

  @Test
  void publicSignaturesUseOnlyJdkAndCoreTypes() throws Exception {
    List<Type> types = new ArrayList<>();
    for (Class<?> type : List.of(SwarmOrchestrator.class, SwarmSettings.class)) {
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers())) {
          types.add(method.getGenericReturnType());
          types.addAll(List.of(method.getGenericParameterTypes()));
        }
      }
      for (var constructor : type.getConstructors()) {
        types.addAll(List.of(constructor.getGenericParameterTypes()));
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          types.add(component.getGenericType());
        }
      }
    }
    assertThat(types).extracting(Type::getTypeName).allSatisfy(name -> assertThat(name.replaceAll("[<>,? ]+", " ").split(" "))
        .allMatch(part -> part.isEmpty() || part.equals("extends") || java.util.Set.of("void", "boolean", "int", "long").contains(part)
            || part.startsWith("java.") || part.startsWith("se.kth.aspen.core.") || part.startsWith("se.kth.aspen.swarm.Swarm")
            || part.equals("se.kth.aspen.swarm.registry.Registries")));
  }
}
