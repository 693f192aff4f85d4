/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.tracestarter;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The rules the starter's code keeps, checked on its compiled classes: Spring Boot's
 * auto-configuration rules, and the package structure (one package per layer, layers
 * meeting only in {@code core}).
 */
@AnalyzeClasses(packages = "io.tracestarter", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/**
	 * The layers: each may use {@code core} and {@code autoconfigure}, not each other.
	 */
	static final List<String> LAYERS = List.of("async", "grpc", "http", "kafka", "logging", "reactor", "sampling");

	@ArchTest
	static final ArchRule conditionalOnClassIsNotPutOnBeanMethods = ArchRuleDefinition.noMethods()
		.that()
		.areAnnotatedWith(Bean.class)
		.should()
		.beAnnotatedWith(ConditionalOnClass.class)
		.because("Spring introspects every @Bean method of a configuration class, so a missing class "
				+ "named in a method's signature fails start-up whatever the condition says; "
				+ "put the condition on a configuration class of its own");

	@ArchTest
	static final ArchRule autoConfigurationsArePublicAndFinal = ArchRuleDefinition.classes()
		.that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic()
		.andShould()
		.haveModifier(JavaModifier.FINAL);

	@ArchTest
	static final ArchRule beanMethodsArePackagePrivate = ArchRuleDefinition.methods()
		.that()
		.areAnnotatedWith(Bean.class)
		.should()
		.bePackagePrivate();

	@ArchTest
	static final ArchRule postProcessorBeanMethodsAreStatic = ArchRuleDefinition.methods()
		.that()
		.areAnnotatedWith(Bean.class)
		.and()
		.haveRawReturnType(JavaClass.Predicates.assignableTo(BeanPostProcessor.class)
			.or(JavaClass.Predicates.assignableTo(BeanFactoryPostProcessor.class)))
		.should()
		.beStatic()
		.because("a post-processor declared by an instance method makes its configuration class, and "
				+ "everything that one needs, be created before other beans can be post-processed");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = SlicesRuleDefinition.slices()
		.matching("io.tracestarter.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule coreKnowsNoTransportNoWiringAndNoLayer = ArchRuleDefinition.noClasses()
		.that()
		.resideInAPackage("io.tracestarter.core..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.servlet..", "io.grpc..", "org.apache.kafka..",
				"net.devh..", "reactor..", "io.netty..", "ch.qos.logback..", "io.tracestarter.autoconfigure..",
				"io.tracestarter.actuate..", "io.tracestarter.async..", "io.tracestarter.grpc..",
				"io.tracestarter.http..", "io.tracestarter.kafka..", "io.tracestarter.logging..",
				"io.tracestarter.reactor..", "io.tracestarter.sampling..");

	@ArchTest
	static final ArchRule layersMeetOnlyInCore = ArchRuleDefinition.classes()
		.that(inALayer())
		.should(dependOnNoOtherLayer())
		.because("layers share only core (and the properties of autoconfigure)");

	/**
	 * The actuator endpoint reads every layer's state (break points, sampling); nothing
	 * reads the endpoint's package.
	 */
	@ArchTest
	static final ArchRule nothingDependsOnTheActuatorPackage = ArchRuleDefinition.noClasses()
		.that()
		.resideOutsideOfPackage("io.tracestarter.actuate..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.tracestarter.actuate..");

	private static DescribedPredicate<JavaClass> inALayer() {
		return DescribedPredicate.describe("are in a layer", (type) -> layer(type) != null);
	}

	private static ArchCondition<JavaClass> dependOnNoOtherLayer() {
		return new ArchCondition<>("depend on no other layer") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				String own = layer(type);
				for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
					String target = layer(dependency.getTargetClass());
					if (target != null && !target.equals(own)) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
	}

	static @Nullable String layer(JavaClass type) {
		String name = type.getPackageName();
		for (String layer : LAYERS) {
			if (name.equals("io.tracestarter." + layer) || name.startsWith("io.tracestarter." + layer + ".")) {
				return layer;
			}
		}
		return null;
	}

}
