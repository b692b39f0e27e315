package se.kth.aspen.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The package rules every module's tests check with ArchUnit, on that module's compiled main
 * classes: no two packages depend on each other, even through others; an adapter's public
 * constructors and methods speak only JDK and aspen-core types (plus the few of its own it
 * names), so that a tool embedding it needs nothing else.
 */
public final class ModuleRules {

  private ModuleRules() {}

  /**
   * The main (not test) classes of {@code rootPackage} and its subpackages, read from the
   * module's own class directory: no scan of the class path, no jars.
   */
  public static JavaClasses mainClasses(String rootPackage) {
    String path = rootPackage.replace('.', '/');
    try {
      for (URL url : Collections.list(ModuleRules.class.getClassLoader().getResources(path))) {
        if (url.getProtocol().equals("file") && !url.getPath().contains("/test-classes/")) {
          return new ClassFileImporter().importPath(Path.of(url.toURI()));
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot find the classes of " + rootPackage, e);
    }
    throw new IllegalStateException("no class directory holds " + rootPackage);
  }

  /** Each package of the module is a slice; slices must not depend on each other in a cycle. */
  public static ArchRule noPackageCycles(String rootPackage) {
    return slices().matching(rootPackage.replaceFirst("\\.[^.]+$", "") + ".(**)")
        .should().beFreeOfCycles()
        .because("a package cycle makes both packages one unit that cannot be read, tested or embedded apart");
  }

  /**
   * Public constructors and methods of public classes in {@code adapterPackage} (not its
   * subpackages) use in their parameters, return types and exceptions only JDK types,
   * aspen-core types, and the types whose names start with one of {@code allowedPrefixes}.
   */
  public static ArchRule adapterSignatures(String adapterPackage, String... allowedPrefixes) {
    List<String> allowed = new ArrayList<>(List.of("java.", "se.kth.aspen.core."));
    allowed.addAll(List.of(allowedPrefixes));
    return codeUnits()
        .that().areDeclaredInClassesThat().resideInAPackage(adapterPackage)
        .and().areDeclaredInClassesThat().arePublic()
        .and().arePublic()
        .should(useOnly(allowed))
        .because("an adapter is embedded by other tools through JDK and aspen-core types only");
  }

  private static ArchCondition<JavaCodeUnit> useOnly(List<String> allowed) {
    return new ArchCondition<>("use only JDK and aspen-core types in their signatures") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        if (unit.getModifiers().contains(JavaModifier.SYNTHETIC) || unit.getModifiers().contains(JavaModifier.BRIDGE)) {
          return;
        }
        List<JavaClass> used = new ArrayList<>();
        used.addAll(unit.getParameterTypes().stream().flatMap(t -> t.getAllInvolvedRawTypes().stream()).toList());
        used.addAll(unit.getReturnType().getAllInvolvedRawTypes());
        used.addAll(unit.getThrowsClause().getTypes());
        for (JavaClass type : used) {
          JavaClass base = type.getBaseComponentType();
          if (base.isPrimitive() || allowed.stream().anyMatch(base.getName()::startsWith)) {
            continue;
          }
          events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " uses " + base.getName()));
        }
      }
    };
  }
}
