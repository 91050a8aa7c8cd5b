package io.github.cognitotoken.http.feign;

import java.util.List;

import feign.Capability;
import feign.Client;
import feign.Contract;
import feign.MethodMetadata;
import io.github.cognitotoken.http.CognitoClient;
import io.github.cognitotoken.http.CognitoClientRouter;

import org.springframework.util.Assert;

/**
 * Feign {@link Capability} that completes a {@link CognitoFeignRequestInterceptor} where
 * an interceptor cannot act, since Feign interceptors never see responses:
 * <ul>
 * <li>it wraps the Feign client's {@link Client}. A request that carries the token is
 * sent with redirects off, and its redirects are followed here when the client's
 * {@code Request.Options} allow it: a hop keeps the token only while every URL of the
 * chain matches the chosen client's target hosts, and an https to http redirect is not
 * followed. A 401 answer to a request that carried the token renews the token (rate
 * limited by the manager) and sends the request once more with the new one; the Feign
 * client's {@code ErrorDecoder} and {@code Retryer} see the answer to that second
 * attempt. The URL that is finally sent is checked against the target hosts once more,
 * and when another interceptor added an {@code Authorization} header after ours, the
 * request goes with that header alone;</li>
 * <li>it checks, when the Feign client is built, that every
 * {@link CognitoClient @CognitoClient} on the Feign interface names a configured
 * client.</li>
 * </ul>
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoFeignCapability implements Capability {

	private final CognitoFeignRequestInterceptor interceptor;

	/**
	 * Create the capability that completes the given interceptor; usually obtained with
	 * {@link CognitoFeignRequestInterceptor#capability()}.
	 * @param interceptor the interceptor of the same Feign client
	 */
	public CognitoFeignCapability(CognitoFeignRequestInterceptor interceptor) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptor = interceptor;
	}

	@Override
	public Client enrich(Client client) {
		if (client instanceof CognitoFeignClient guarded && guarded.isGuardedBy(this.interceptor)) {
			return client;
		}
		return new CognitoFeignClient(client, this.interceptor);
	}

	@Override
	public Contract enrich(Contract contract) {
		CognitoClientRouter router = this.interceptor.getRouter();
		return (targetType) -> {
			List<MethodMetadata> methods = contract.parseAndValidateMetadata(targetType);
			for (MethodMetadata metadata : methods) {
				if (metadata.method() == null) {
					continue;
				}
				String name = CognitoFeignRequestInterceptor.clientOf(targetType, metadata.method());
				if (name != null && !CognitoClient.NONE.equals(name) && !router.clientNames().contains(name)) {
					throw new IllegalStateException("@CognitoClient(\"" + name + "\") on Feign client "
							+ targetType.getName() + "." + metadata.method().getName()
							+ "() names no configured Cognito client: the clients are " + router.clientNames()
							+ ". Configure cognito.clients." + name + ".client-id, or correct the name");
				}
			}
			return methods;
		};
	}

}
