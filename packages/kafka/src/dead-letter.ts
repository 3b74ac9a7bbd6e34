import type { KafkaMessage, Producer } from 'kafkajs';

export interface DeadLetter {
  deadLetterTopic: string;
  groupId: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  code: string;
  reason: string;
  attempts: number;
}

/** The original bytes travel untouched; where they came from and why they failed go in headers. */
export async function sendToDeadLetter(producer: Producer, letter: DeadLetter): Promise<void> {
  await producer.send({
    topic: letter.deadLetterTopic,
    acks: -1,
    messages: [
      {
        key: letter.message.key,
        value: letter.message.value,
        headers: {
          ...letter.message.headers,
          'dlq-group': letter.groupId,
          'dlq-topic': letter.topic,
          'dlq-partition': String(letter.partition),
          'dlq-offset': letter.message.offset,
          'dlq-code': letter.code,
          'dlq-reason': letter.reason.slice(0, 2000),
          'dlq-attempts': String(letter.attempts),
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ],
  });
}
