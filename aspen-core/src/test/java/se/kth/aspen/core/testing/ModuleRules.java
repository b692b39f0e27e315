package se.kth.aspen.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * The package rules every module's tests check with ArchUnit, on that module's compiled main
 * classes: no two packages depend on each other, even through others; an adapter's public
 * constructors and methods speak only JDK and aspen-core types (plus the few of its own it
 * names), so that a tool embedding it needs nothing else; an adapter package has one public
 * entry type, and every other public type in it is named on purpose.
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

  /**
   * The public top-level types of {@code entryType}'s package (not its subpackages) are exactly
   * {@code entryType}, a final class, and the {@code companions}: the records, enums and
   * exceptions a caller hands to or gets from the entry type, or, where a module says why, a
   * second final class. A new public type fails the rule until it is named here.
   */
  public static ArchRule onePublicEntryType(Class<?> entryType, Class<?>... companions) {
    Set<String> named = new TreeSet<>();
    named.add(entryType.getName());
    for (Class<?> companion : companions) {
      named.add(companion.getName());
    }
    return classes()
        .that().resideInAPackage(entryType.getPackageName())
        .and().arePublic()
        .and().areTopLevelClasses()
        .should(beTheEntryOrANamedCompanion(entryType.getName(), named))
        .because("an adapter package is used through one entry type; the rest stays package-private and free to change");
  }

  private static ArchCondition<JavaClass> beTheEntryOrANamedCompanion(String entryType, Set<String> named) {
    return new ArchCondition<>("be " + entryType + " (final) or one of " + named) {
      private final Set<String> seen = new TreeSet<>();

      @Override
      public void check(JavaClass type, ConditionEvents events) {
        String name = type.getName();
        seen.add(name);
        if (!named.contains(name)) {
          events.add(SimpleConditionEvent.violated(type, name + " is public but neither the entry type nor a named companion"));
        } else if (name.equals(entryType) && !type.getModifiers().contains(JavaModifier.FINAL)) {
          events.add(SimpleConditionEvent.violated(type, name + " is the entry type but not final"));
        } else if (!name.equals(entryType) && !isCompanionKind(type)) {
          events.add(SimpleConditionEvent.violated(type, name + " is neither a record, an enum, an exception nor a final class"));
        }
      }

      @Override
      public void finish(ConditionEvents events) {
        for (String missing : named) {
          if (!seen.contains(missing)) {
            events.add(SimpleConditionEvent.violated(missing, missing + " is named but is not a public type of the package"));
          }
        }
      }
    };
  }

  private static boolean isCompanionKind(JavaClass type) {
    // Exception is named too: the import reads only the module's classes, so a supertype chain
    // may end before Throwable.
    return type.isRecord() || type.isEnum() || type.isAssignableTo(Exception.class) || type.isAssignableTo(Throwable.class)
        || type.getModifiers().contains(JavaModifier.FINAL);
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
