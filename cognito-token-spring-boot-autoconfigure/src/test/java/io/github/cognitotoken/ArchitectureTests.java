package io.github.cognitotoken;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture of the library's main classes: the token logic in the root package stays
 * free of Spring Boot so it can be tested and reused alone, dependencies run one way
 * (API, then the token endpoint client and the shared cache, then the HTTP, Actuator and
 * Micrometer integrations, then auto-configuration), and packages form no cycles.
 */
@AnalyzeClasses(packages = "io.github.cognitotoken", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = "io.github.cognitotoken";

	@ArchTest
	static final ArchRule rootPackageDoesNotDependOnSpringBoot = noClasses().that()
		.resideInAPackage(ROOT)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.boot..")
		.because("the core token logic must be usable and testable without Spring Boot");

	@ArchTest
	static final ArchRule rootPackageDependsOnNoSubpackage = noClasses().that()
		.resideInAPackage(ROOT)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(ROOT + ".*..")
		.because("the API is the bottom layer: its subpackages build on it, not the other way round");

	@ArchTest
	static final ArchRule layersAreRespected = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("API")
		.definedBy(ROOT)
		.layer("Cache")
		.definedBy(ROOT + ".cache..")
		.layer("Endpoint")
		.definedBy(ROOT + ".endpoint..")
		.layer("HTTP")
		.definedBy(ROOT + ".http..")
		.layer("Actuator")
		.definedBy(ROOT + ".actuate..")
		.layer("Metrics")
		.definedBy(ROOT + ".metrics..")
		.layer("AutoConfiguration")
		.definedBy(ROOT + ".autoconfigure..")
		.whereLayer("AutoConfiguration")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("HTTP")
		.mayOnlyBeAccessedByLayers("AutoConfiguration")
		.whereLayer("Actuator")
		.mayOnlyBeAccessedByLayers("AutoConfiguration")
		.whereLayer("Metrics")
		.mayOnlyBeAccessedByLayers("AutoConfiguration")
		.whereLayer("Endpoint")
		.mayOnlyBeAccessedByLayers("HTTP", "Actuator", "Metrics", "AutoConfiguration")
		.whereLayer("Cache")
		.mayOnlyBeAccessedByLayers("Actuator", "Metrics", "AutoConfiguration")
		.whereLayer("API")
		.mayNotAccessAnyLayer()
		.ensureAllClassesAreContainedInArchitecture();

	@ArchTest
	static final ArchRule featurePackagesAreFreeOfCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule allPackagesAreFreeOfCycles = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

}
