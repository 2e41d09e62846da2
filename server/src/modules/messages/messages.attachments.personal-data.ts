import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';
import type { AttachmentsRepository } from './messages.attachments.repository.ts';
import type { AttachmentsService } from './messages.attachments.ts';

/**
 * The photos and PDFs a person sent (and uploads not sent yet) in their export, with the bytes as base64, as served.
 * On deletion nothing is done in the transaction: the account's rows lose their uploader (the foreign key sets it
 * null), and the sweep that follows the erasure removes them with their files (messages.attachments.ts).
 */
export function attachmentsSection(deps: {
  repository: Pick<AttachmentsRepository, 'ofPerson'>;
  attachments: Pick<AttachmentsService, 'bytesOf'>;
}): PersonalDataSection {
  return {
    name: 'attachments',
    async export(_db, userId) {
      const rows = await deps.repository.ofPerson(userId);
      const files = [];
      for (const row of rows) {
        const bytes = await deps.attachments.bytesOf(row);
        files.push({
          id: row.id,
          groupId: row.groupId,
          messageId: row.messageId,
          kind: row.kind,
          mime: row.mime,
          size: row.size,
          width: row.width,
          height: row.height,
          name: row.name,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.attachedAt?.toISOString() ?? null,
          contentBase64: bytes ? bytes.toString('base64') : null,
        });
      }
      return files;
    },
  };
}
