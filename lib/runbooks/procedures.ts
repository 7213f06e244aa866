/**
 * The runbook (runbook-common-issues.md, "Common Issues Runbook for 254Carbon Data Processing
 * Pipeline") as data: every procedure with its symptoms, the diagnosis commands it types by
 * hand, and its resolution steps. Generated once from the Markdown and kept by hand since;
 * later work attaches a check id to each command so the console runs it for the responder.
 */
export interface RunbookCommand {
  /** The comment above the command in the runbook, e.g. "Check pod events". */
  purpose: string;
  /** The command exactly as the runbook gives it. */
  command: string;
}

export interface RunbookProcedure {
  id: string;
  section: string;
  title: string;
  symptoms: string[];
  diagnosis: RunbookCommand[];
  resolution: string[];
}

export interface EmergencyProcedure {
  id: string;
  title: string;
  immediateActions: string[];
  recoverySteps: string[];
}

export const PROCEDURES: RunbookProcedure[] = [
  {
    "id": "check-service-status",
    "section": "Service Health Checks",
    "title": "Check Service Status",
    "symptoms": [],
    "diagnosis": [
      {
        "purpose": "Check all services",
        "command": "kubectl get pods -n data-processing"
      },
      {
        "purpose": "Check specific service",
        "command": "kubectl get pods -n data-processing -l app=normalization-service"
      },
      {
        "purpose": "Check service logs",
        "command": "kubectl logs -f -n data-processing deployment/normalization-service"
      },
      {
        "purpose": "Check service health endpoint",
        "command": "curl http://normalization-service:8080/health"
      }
    ],
    "resolution": []
  },
  {
    "id": "service-not-starting",
    "section": "Service Health Checks",
    "title": "Service Not Starting",
    "symptoms": [
      "Pods stuck in Pending or CrashLoopBackOff state",
      "Services not responding to health checks"
    ],
    "diagnosis": [
      {
        "purpose": "Check pod events",
        "command": "kubectl describe pod <pod-name> -n data-processing"
      },
      {
        "purpose": "Check resource usage",
        "command": "kubectl top pods -n data-processing"
      },
      {
        "purpose": "Check node resources",
        "command": "kubectl top nodes"
      }
    ],
    "resolution": [
      "Check resource limits and requests",
      "Verify image availability",
      "Check configuration errors",
      "Review security policies"
    ]
  },
  {
    "id": "data-not-processing",
    "section": "Data Processing Issues",
    "title": "Data Not Processing",
    "symptoms": [
      "Messages accumulating in Kafka topics",
      "No data in ClickHouse tables",
      "Processing metrics showing zero"
    ],
    "diagnosis": [
      {
        "purpose": "Check Kafka topic lag",
        "command": "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe"
      },
      {
        "purpose": "Check ClickHouse tables",
        "command": "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT count() FROM market_ticks\""
      },
      {
        "purpose": "Check service metrics",
        "command": "curl http://normalization-service:9090/metrics | grep processed"
      }
    ],
    "resolution": [
      "Restart affected services",
      "Check Kafka connectivity",
      "Verify database connections",
      "Review error logs"
    ]
  },
  {
    "id": "data-quality-issues",
    "section": "Data Processing Issues",
    "title": "Data Quality Issues",
    "symptoms": [
      "High error rates in processing",
      "Invalid data in output tables",
      "Data quality alerts firing"
    ],
    "diagnosis": [
      {
        "purpose": "Check data quality metrics",
        "command": "curl http://enrichment-service:9090/metrics | grep quality"
      },
      {
        "purpose": "Check error logs",
        "command": "kubectl logs -n data-processing deployment/enrichment-service | grep ERROR"
      },
      {
        "purpose": "Check data validation",
        "command": "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10\""
      }
    ],
    "resolution": [
      "Review data validation rules",
      "Check input data format",
      "Update enrichment logic",
      "Implement data quality checks"
    ]
  },
  {
    "id": "high-latency",
    "section": "Performance Issues",
    "title": "High Latency",
    "symptoms": [
      "Slow response times",
      "High P95/P99 latencies",
      "Timeout errors"
    ],
    "diagnosis": [
      {
        "purpose": "Check service performance",
        "command": "curl http://normalization-service:9090/metrics | grep duration"
      },
      {
        "purpose": "Check resource usage",
        "command": "kubectl top pods -n data-processing"
      },
      {
        "purpose": "Check database performance",
        "command": "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10\""
      }
    ],
    "resolution": [
      "Scale up services",
      "Optimize database queries",
      "Check network connectivity",
      "Review caching strategies"
    ]
  },
  {
    "id": "high-memory-usage",
    "section": "Performance Issues",
    "title": "High Memory Usage",
    "symptoms": [
      "Pods being OOMKilled",
      "High memory usage alerts",
      "Slow performance"
    ],
    "diagnosis": [
      {
        "purpose": "Check memory usage",
        "command": "kubectl top pods -n data-processing"
      },
      {
        "purpose": "Check memory limits",
        "command": "kubectl describe pod <pod-name> -n data-processing"
      },
      {
        "purpose": "Check heap dumps (if available)",
        "command": "kubectl exec -it <pod-name> -n data-processing -- jmap -histo 1"
      }
    ],
    "resolution": [
      "Increase memory limits",
      "Optimize memory usage",
      "Check for memory leaks",
      "Review batch sizes"
    ]
  },
  {
    "id": "authentication-failures",
    "section": "Security Issues",
    "title": "Authentication Failures",
    "symptoms": [
      "401 Unauthorized errors",
      "API key validation failures",
      "mTLS connection errors"
    ],
    "diagnosis": [
      {
        "purpose": "Check API key status",
        "command": "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT * FROM api_keys WHERE is_active = true\""
      },
      {
        "purpose": "Check certificate status",
        "command": "kubectl exec -it <pod-name> -n data-processing -- openssl x509 \\\n  -in /etc/certs/server-cert.pem -text -noout"
      },
      {
        "purpose": "Check mTLS connections",
        "command": "kubectl logs -n data-processing deployment/normalization-service | grep TLS"
      }
    ],
    "resolution": [
      "Regenerate API keys",
      "Update certificates",
      "Check service identity",
      "Review security policies"
    ]
  },
  {
    "id": "rate-limiting-issues",
    "section": "Security Issues",
    "title": "Rate Limiting Issues",
    "symptoms": [
      "429 Too Many Requests errors",
      "Rate limit alerts",
      "Service throttling"
    ],
    "diagnosis": [
      {
        "purpose": "Check rate limit metrics",
        "command": "curl http://normalization-service:9090/metrics | grep rate_limit"
      },
      {
        "purpose": "Check Redis rate limit data",
        "command": "kubectl exec -it redis-0 -n data-processing -- redis-cli \\\n  --scan --pattern \"rate_limit:*\""
      },
      {
        "purpose": "Check service logs",
        "command": "kubectl logs -n data-processing deployment/normalization-service | grep rate_limit"
      }
    ],
    "resolution": [
      "Adjust rate limits",
      "Check for abuse",
      "Implement backoff strategies",
      "Review traffic patterns"
    ]
  },
  {
    "id": "deployment-failures",
    "section": "Deployment Issues",
    "title": "Deployment Failures",
    "symptoms": [
      "Helm deployment failures",
      "Pods not updating",
      "Rollback required"
    ],
    "diagnosis": [
      {
        "purpose": "Check deployment status",
        "command": "helm status data-processing-pipeline -n data-processing"
      },
      {
        "purpose": "Check deployment history",
        "command": "helm history data-processing-pipeline -n data-processing"
      },
      {
        "purpose": "Check pod events",
        "command": "kubectl get events -n data-processing --sort-by='.lastTimestamp'"
      }
    ],
    "resolution": [
      "Check configuration errors",
      "Verify image availability",
      "Review resource constraints",
      "Perform rollback if needed"
    ]
  },
  {
    "id": "image-pull-failures",
    "section": "Deployment Issues",
    "title": "Image Pull Failures",
    "symptoms": [
      "Pods stuck in ImagePullBackOff",
      "Image not found errors",
      "Registry connectivity issues"
    ],
    "diagnosis": [
      {
        "purpose": "Check pod status",
        "command": "kubectl describe pod <pod-name> -n data-processing"
      },
      {
        "purpose": "Check image pull secrets",
        "command": "kubectl get secrets -n data-processing"
      },
      {
        "purpose": "Test image pull",
        "command": "kubectl run test-pod --image=<image-name> --rm -it --restart=Never"
      }
    ],
    "resolution": [
      "Check image registry access",
      "Verify image tags",
      "Update pull secrets",
      "Check network connectivity"
    ]
  },
  {
    "id": "prometheus-issues",
    "section": "Monitoring Issues",
    "title": "Prometheus Issues",
    "symptoms": [
      "Metrics not appearing",
      "Alerting not working",
      "Dashboard errors"
    ],
    "diagnosis": [
      {
        "purpose": "Check Prometheus status",
        "command": "kubectl get pods -n monitoring -l app=prometheus"
      },
      {
        "purpose": "Check targets",
        "command": "curl http://prometheus:9090/api/v1/targets"
      },
      {
        "purpose": "Check metrics",
        "command": "curl http://prometheus:9090/api/v1/query?query=up"
      }
    ],
    "resolution": [
      "Restart Prometheus",
      "Check service discovery",
      "Verify metric endpoints",
      "Review configuration"
    ]
  },
  {
    "id": "grafana-issues",
    "section": "Monitoring Issues",
    "title": "Grafana Issues",
    "symptoms": [
      "Dashboard not loading",
      "Data source errors",
      "Authentication issues"
    ],
    "diagnosis": [
      {
        "purpose": "Check Grafana status",
        "command": "kubectl get pods -n monitoring -l app=grafana"
      },
      {
        "purpose": "Check Grafana logs",
        "command": "kubectl logs -n monitoring deployment/grafana"
      },
      {
        "purpose": "Test data source",
        "command": "curl http://grafana:3000/api/datasources"
      }
    ],
    "resolution": [
      "Restart Grafana",
      "Check data source configuration",
      "Verify authentication",
      "Review dashboard queries"
    ]
  },
  {
    "id": "clickhouse-issues",
    "section": "Database Issues",
    "title": "ClickHouse Issues",
    "symptoms": [
      "Query timeouts",
      "Connection errors",
      "Data corruption"
    ],
    "diagnosis": [
      {
        "purpose": "Check ClickHouse status",
        "command": "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.processes\""
      },
      {
        "purpose": "Check table status",
        "command": "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.tables WHERE database = 'default'\""
      },
      {
        "purpose": "Check query log",
        "command": "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.query_log WHERE event_date = today() ORDER BY event_time DESC LIMIT 10\""
      }
    ],
    "resolution": [
      "Restart ClickHouse",
      "Check disk space",
      "Optimize queries",
      "Review table structure"
    ]
  },
  {
    "id": "postgresql-issues",
    "section": "Database Issues",
    "title": "PostgreSQL Issues",
    "symptoms": [
      "Connection pool exhaustion",
      "Query timeouts",
      "Lock contention"
    ],
    "diagnosis": [
      {
        "purpose": "Check PostgreSQL status",
        "command": "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT * FROM pg_stat_activity\""
      },
      {
        "purpose": "Check database size",
        "command": "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT pg_size_pretty(pg_database_size('db'))\""
      },
      {
        "purpose": "Check slow queries",
        "command": "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT * FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10\""
      }
    ],
    "resolution": [
      "Restart PostgreSQL",
      "Check connection limits",
      "Optimize queries",
      "Review indexing"
    ]
  },
  {
    "id": "consumer-lag",
    "section": "Kafka Issues",
    "title": "Consumer Lag",
    "symptoms": [
      "High consumer lag",
      "Processing delays",
      "Memory issues"
    ],
    "diagnosis": [
      {
        "purpose": "Check consumer groups",
        "command": "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --list"
      },
      {
        "purpose": "Check topic details",
        "command": "kubectl exec -it kafka-0 -n data-processing -- kafka-topics.sh \\\n  --bootstrap-server localhost:9092 \\\n  --describe --topic market-data"
      },
      {
        "purpose": "Check partition status",
        "command": "kubectl exec -it kafka-0 -n data-processing -- kafka-log-dirs.sh \\\n  --bootstrap-server localhost:9092 \\\n  --describe --json"
      }
    ],
    "resolution": [
      "Scale up consumers",
      "Check partition distribution",
      "Review consumer configuration",
      "Monitor broker health"
    ]
  },
  {
    "id": "broker-issues",
    "section": "Kafka Issues",
    "title": "Broker Issues",
    "symptoms": [
      "Broker failures",
      "Topic creation failures",
      "Replication issues"
    ],
    "diagnosis": [
      {
        "purpose": "Check broker status",
        "command": "kubectl exec -it kafka-0 -n data-processing -- kafka-broker-api-versions.sh \\\n  --bootstrap-server localhost:9092"
      },
      {
        "purpose": "Check cluster health",
        "command": "kubectl exec -it kafka-0 -n data-processing -- kafka-topics.sh \\\n  --bootstrap-server localhost:9092 \\\n  --list"
      },
      {
        "purpose": "Check broker logs",
        "command": "kubectl logs -n data-processing kafka-0"
      }
    ],
    "resolution": [
      "Restart brokers",
      "Check disk space",
      "Review replication settings",
      "Monitor broker metrics"
    ]
  },
  {
    "id": "jaeger-issues",
    "section": "Tracing Issues",
    "title": "Jaeger Issues",
    "symptoms": [
      "Traces not appearing",
      "High memory usage",
      "Query timeouts"
    ],
    "diagnosis": [
      {
        "purpose": "Check Jaeger status",
        "command": "kubectl get pods -n data-processing -l component=jaeger-collector"
      },
      {
        "purpose": "Check collector health",
        "command": "curl http://jaeger-collector:14268/"
      },
      {
        "purpose": "Check storage status",
        "command": "kubectl exec -it elasticsearch-0 -n data-processing -- curl \\\n  http://localhost:9200/_cluster/health"
      }
    ],
    "resolution": [
      "Restart Jaeger components",
      "Check storage connectivity",
      "Review sampling rates",
      "Monitor resource usage"
    ]
  },
  {
    "id": "trace-quality-issues",
    "section": "Tracing Issues",
    "title": "Trace Quality Issues",
    "symptoms": [
      "Incomplete traces",
      "Missing spans",
      "High trace volume"
    ],
    "diagnosis": [
      {
        "purpose": "Check trace metrics",
        "command": "curl http://jaeger-collector:9090/metrics | grep traces"
      },
      {
        "purpose": "Check sampling configuration",
        "command": "kubectl exec -it <pod-name> -n data-processing -- env | grep TRACING"
      },
      {
        "purpose": "Check span volume",
        "command": "kubectl exec -it elasticsearch-0 -n data-processing -- curl \\\n  http://localhost:9200/jaeger-span-*/_count"
      }
    ],
    "resolution": [
      "Adjust sampling rates",
      "Check trace configuration",
      "Review span creation",
      "Monitor trace volume"
    ]
  }
];

export const EMERGENCIES: EmergencyProcedure[] = [
  {
    "id": "service-outage",
    "title": "Service Outage",
    "immediateActions": [
      "Check service status",
      "Review error logs",
      "Check resource usage",
      "Notify stakeholders"
    ],
    "recoverySteps": [
      "Restart affected services",
      "Check dependencies",
      "Verify data integrity",
      "Monitor recovery"
    ]
  },
  {
    "id": "data-loss",
    "title": "Data Loss",
    "immediateActions": [
      "Stop data processing",
      "Assess data loss scope",
      "Check backup availability",
      "Notify stakeholders"
    ],
    "recoverySteps": [
      "Restore from backup",
      "Replay missing data",
      "Verify data integrity",
      "Resume processing"
    ]
  },
  {
    "id": "security-breach",
    "title": "Security Breach",
    "immediateActions": [
      "Isolate affected systems",
      "Preserve evidence",
      "Notify security team",
      "Document incident"
    ],
    "recoverySteps": [
      "Patch vulnerabilities",
      "Rotate credentials",
      "Review access logs",
      "Update security policies"
    ]
  }
];
