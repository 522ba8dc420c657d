package io.accessflow.atlassian;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AtlassianConfiguration {

  @Bean
  @Conditional(SiteMode.OnRealSite.class)
  AtlassianSite configuredSite(AtlassianProperties properties) {
    return new ConfiguredSite(normalize(properties.baseUrl()));
  }

  @Bean
  AtlassianClient atlassianClient(AtlassianSite site, AtlassianProperties properties, ObjectProvider<MeterRegistry> meters) {
    return AtlassianClient.create(site::baseUrl, properties.email(), properties.apiToken(),
        properties.connectTimeout(), properties.readTimeout(), meters.getIfAvailable());
  }

  /** Validates the URL once at start-up and drops a trailing slash. */
  static String normalize(String baseUrl) {
    String url = baseUrl.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ATLASSIAN_BASE_URL is not a URL: '" + url + "'. Use https://<your-site>.atlassian.net");
    }
    if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("ATLASSIAN_BASE_URL must be an http(s) URL with a host, like https://<your-site>.atlassian.net, not '" + url + "'");
    }
    return url;
  }

  record ConfiguredSite(String baseUrl) implements AtlassianSite {
    @Override
    public boolean sandbox() {
      return false;
    }
  }
}
