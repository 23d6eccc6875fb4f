<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>CampaignPrompt</name>
    <message>
        <location filename="../../copilot/ui/widgets/industry.py" line="+56"/>
        <source>Which campaign are you working on?</source>
        <translation>Hari ini Anda menangani kampanye apa?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It chooses the hints you see. General picks them per message. You can change it any time at the top (Ctrl+Shift+I).</source>
        <translation>Pilihan ini menentukan petunjuk yang muncul. Umum memilihkannya per pesan. Bisa diganti kapan saja di bagian atas (Ctrl+Shift+I).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose your campaign</source>
        <translation>Pilih kampanye Anda</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Campaign: {industry}</source>
        <translation>Kampanye: {industry}</translation>
    </message>
</context>
<context>
    <name>CardShortcuts</name>
    <message>
        <location filename="../../copilot/ui/card_shortcuts.py" line="+46"/>
        <source>Pin or unpin a hint</source>
        <translation>Sematkan atau lepas sematan petunjuk</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>The hint you are on, else the first one</source>
        <translation>Petunjuk yang sedang Anda pilih, atau yang pertama</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>No hint to pin</source>
        <translation>Tidak ada petunjuk untuk disematkan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dismiss a hint</source>
        <translation>Abaikan petunjuk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No hint to dismiss</source>
        <translation>Tidak ada petunjuk untuk diabaikan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply a suggested rewrite</source>
        <translation>Terapkan saran perbaikan kalimat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reminder you are on, else the first one with Apply</source>
        <translation>Pengingat yang sedang Anda pilih, atau yang pertama dengan tombol Terapkan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No suggestion to apply</source>
        <translation>Tidak ada saran untuk diterapkan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark a promise kept</source>
        <translation>Tandai janji ditepati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The promise you are on, else the first open one</source>
        <translation>Janji yang sedang Anda pilih, atau janji terbuka yang pertama</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open promise</source>
        <translation>Tidak ada janji yang masih terbuka</translation>
    </message>
</context>
<context>
    <name>CommitmentRow</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="+159"/>
        <source>overdue since {due}</source>
        <translation>lewat batas waktu sejak {due}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due {due}</source>
        <translation>batas waktu {due}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>promised by {name}</source>
        <translation>dijanjikan oleh {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commitment: {text}</source>
        <translation>Janji: {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Ditepati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark commitment done</source>
        <translation>Tandai janji sudah ditepati</translation>
    </message>
</context>
<context>
    <name>ComplianceGate</name>
    <message>
        <location filename="../../copilot/ui/widgets/compliance.py" line="+15"/>
        <source>asks for the customer&apos;s OTP</source>
        <translation>meminta kode OTP pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for the customer&apos;s PIN</source>
        <translation>meminta PIN pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for the card&apos;s CVV</source>
        <translation>meminta CVV kartu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for the customer&apos;s password</source>
        <translation>meminta kata sandi pelanggan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asks for the full card number</source>
        <translation>meminta nomor kartu lengkap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asks for a secret code</source>
        <translation>meminta kode rahasia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contains a full card number</source>
        <translation>memuat nomor kartu lengkap</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Copied anyway. The override (what kind, not your text) is recorded with this contact&apos;s wrap-up:
{problems}</source>
        <translation>Tetap disalin. Pengecualian ini (jenisnya saja, bukan teks Anda) dicatat di rekap panggilan kontak ini:
{problems}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not copied. This draft:
{problems}
Agents never ask for these codes or send a card number. Edit the draft, or copy it anyway (recorded).</source>
        <translation>Belum disalin. Draf ini:
{problems}
Agen tidak pernah meminta kode-kode ini atau mengirim nomor kartu. Ubah drafnya, atau tetap salin (akan dicatat).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit draft</source>
        <translation>Ubah draf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the draft</source>
        <translation>Ubah drafnya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the draft, at the first problem</source>
        <translation>Kembali ke draf, langsung ke masalah pertama</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy anyway</source>
        <translation>Tetap salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the draft anyway</source>
        <translation>Tetap salin drafnya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies it and records an override for the wrap-up and your team leader</source>
        <translation>Menyalin draf dan mencatat pengecualian untuk rekap panggilan dan team leader Anda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compliance check</source>
        <translation>Pemeriksaan kepatuhan</translation>
    </message>
</context>
<context>
    <name>CreateCustomerForm</name>
    <message>
        <location filename="../../copilot/ui/widgets/create_customer.py" line="+110"/>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account, policy or AWB</source>
        <translation>Nomor akun, polis, atau AWB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>National ID</source>
        <translation>NIK (KTP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other number</source>
        <translation>Nomor lain</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer&apos;s full name</source>
        <translation>Nama lengkap pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer name</source>
        <translation>Nama pelanggan baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone, email or number</source>
        <translation>Telepon, email, atau nomor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer identifier</source>
        <translation>Identitas pelanggan baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier type</source>
        <translation>Jenis identitas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the identifier will be saved</source>
        <translation>Identitas yang akan disimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name problem</source>
        <translation>Masalah pada nama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create</source>
        <translation>Buat</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Create customer</source>
        <translation>Buat pelanggan</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Creates the customer with this name and identifier</source>
        <translation>Membuat pelanggan dengan nama dan identitas ini</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the new customer</source>
        <translation>Batalkan pelanggan baru</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Will be saved as {value}</source>
        <translation>Akan disimpan sebagai {value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A phone, email or number is needed to find them later.</source>
        <translation>Perlu telepon, email, atau nomor agar pelanggan bisa dicari lagi nanti.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type the customer&apos;s name.</source>
        <translation>Ketik nama pelanggan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the customer&apos;s real name, not a number.</source>
        <translation>Ketik nama asli pelanggan, bukan nomor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a phone, email or number.</source>
        <translation>Ketik telepon, email, atau nomor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a valid phone number. Check the digits, or choose another type if it is an account number.</source>
        <translation>Nomor telepon tidak valid. Periksa angkanya, atau pilih jenis lain kalau itu nomor akun.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not an email address.</source>
        <translation>Bukan alamat email.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the number with its letters and digits.</source>
        <translation>Ketik nomornya lengkap dengan huruf dan angkanya.</translation>
    </message>
</context>
<context>
    <name>DraftController</name>
    <message>
        <location filename="../../copilot/ui/controllers/draft.py" line="+206"/>
        <source>Copied</source>
        <translation>Disalin</translation>
    </message>
</context>
<context>
    <name>DraftWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/draft.py" line="+175"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write your reply here; nothing is ever sent</source>
        <translation>Tulis balasan Anda di sini; tidak ada yang dikirim otomatis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft reply</source>
        <translation>Draf balasan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tone reminders are underlined and listed below; Copy puts it on the clipboard</source>
        <translation>Pengingat nada digarisbawahi dan didaftar di bawah; Salin menaruhnya di clipboard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the draft to the clipboard (Ctrl+Shift+C)</source>
        <translation>Salin draf ke clipboard (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy draft</source>
        <translation>Salin draf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Puts the draft on the clipboard</source>
        <translation>Menaruh draf di clipboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tone reminders</source>
        <translation>Pengingat nada</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../copilot/ui/shell/banner.py" line="+176"/>
        <source>These details belong to two customers</source>
        <translation>Data ini milik dua pelanggan berbeda</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+5"/>
        <source>That did not work</source>
        <translation>Tidak berhasil</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Something went wrong</source>
        <translation>Terjadi kesalahan</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>The customer database could not be opened</source>
        <translation>Database pelanggan tidak bisa dibuka</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your notes are safe. Tell IT: this computer has no key for the customer database (details below).</source>
        <translation>Catatan Anda aman. Sampaikan ke IT: komputer ini tidak punya kunci untuk database pelanggan (detail di bawah).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your notes are safe. Tell IT: the key on this computer does not open the customer database (details below).</source>
        <translation>Catatan Anda aman. Sampaikan ke IT: kunci di komputer ini tidak bisa membuka database pelanggan (detail di bawah).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer database is busy</source>
        <translation>Database pelanggan sedang sibuk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program is saving to it. Nothing you typed is lost: wait a moment and try again.</source>
        <translation>Ada program lain yang sedang menyimpan ke sana. Tidak ada ketikan Anda yang hilang: tunggu sebentar, lalu coba lagi.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changes cannot be saved</source>
        <translation>Perubahan tidak bisa disimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing you typed is lost, and you can keep looking customers up. Tell IT: the customer database is read-only on this computer.</source>
        <translation>Tidak ada ketikan Anda yang hilang, dan Anda tetap bisa mencari pelanggan. Sampaikan ke IT: database pelanggan hanya bisa dibaca di komputer ini.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The computer&apos;s disk is full</source>
        <translation>Disk komputer penuh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing you typed is lost. Free some disk space (empty Downloads or the recycle bin), then save again; if that does not help, tell IT.</source>
        <translation>Tidak ada ketikan Anda yang hilang. Kosongkan sebagian ruang disk (folder Downloads atau Recycle Bin), lalu simpan lagi; kalau tetap gagal, sampaikan ke IT.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer database is damaged</source>
        <translation>Database pelanggan rusak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your notes are safe. Tell your team leader now; IT can check the database and restore the latest backup (details below).</source>
        <translation>Catatan Anda aman. Segera sampaikan ke team leader; IT bisa memeriksa database dan memulihkan cadangan terakhir (detail di bawah).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer database could not be used</source>
        <translation>Database pelanggan tidak bisa dipakai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your notes are safe. Try again; if it keeps happening, tell IT (details below).</source>
        <translation>Catatan Anda aman. Coba lagi; kalau terus terjadi, sampaikan ke IT (detail di bawah).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was saved. If they are the same person, use Edit record → Merge (Ctrl+Shift+E), or ask your team leader.</source>
        <translation>Tidak ada yang disimpan. Jika orangnya sama, pakai Ubah data → Gabungkan (Ctrl+Shift+E), atau minta bantuan team leader Anda.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing you typed is lost. Try again; if it keeps happening, tell your team leader.</source>
        <translation>Tidak ada ketikan Anda yang hilang. Coba lagi; kalau terus terjadi, sampaikan ke team leader.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No OS keyring works on this computer and COPILOT_DB_PASSPHRASE is not set: set it to the site&apos;s passphrase, then restart the panel.</source>
        <translation>Tidak ada keyring OS yang berfungsi di komputer ini dan COPILOT_DB_PASSPHRASE belum diatur: isi dengan passphrase situs, lalu jalankan ulang panel.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The passphrase (keyring or COPILOT_DB_PASSPHRASE) does not open this database: check it, then restart the panel.</source>
        <translation>Passphrase (keyring atau COPILOT_DB_PASSPHRASE) tidak bisa membuka database ini: periksa, lalu jalankan ulang panel.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give the agent&apos;s account write access to the database file and folder.</source>
        <translation>Beri akun agen izin menulis ke berkas dan folder database.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run `copilot check`; if it fails, restore the newest backup with `copilot restore BACKUP`.</source>
        <translation>Jalankan `copilot check`; kalau gagal, pulihkan cadangan terbaru dengan `copilot restore BACKUP`.</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Hide details</source>
        <translation>Sembunyikan detail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hide the details for IT</source>
        <translation>Sembunyikan detail untuk IT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the details for IT</source>
        <translation>Tampilkan detail untuk IT</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{title} ({n} times)</source>
        <translation>{title} ({n} kali)</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+34"/>
        <source>Error</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss error</source>
        <translation>Abaikan pesan kesalahan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hide this message (Ctrl+Shift+X)</source>
        <translation>Sembunyikan pesan ini (Ctrl+Shift+X)</translation>
    </message>
</context>
<context>
    <name>FactRow</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="-82"/>
        <source>Fact: {text}</source>
        <translation>Fakta: {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added by {name}</source>
        <translation>Ditambahkan oleh {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <location line="+1"/>
        <source>Edit fact</source>
        <translation>Ubah fakta</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Enter saves, Esc cancels</source>
        <translation>Enter menyimpan, Esc membatalkan</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Remove fact</source>
        <translation>Hapus fakta</translation>
    </message>
</context>
<context>
    <name>FindWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/find.py" line="+117"/>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Words in notes, summaries and facts</source>
        <translation>Kata di catatan, ringkasan, dan fakta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finds contacts and facts with every word; Enter goes to the list.</source>
        <translation>Mencari kontak dan fakta yang memuat semua kata; Enter pindah ke daftar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phone, email, account, policy, AWB, ticket or name</source>
        <translation>Telepon, email, akun, polis, AWB, tiket, atau nama</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Find customer</source>
        <translation>Cari pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste &amp;&amp; find</source>
        <translation>Tempel &amp;&amp; cari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the identifier on the clipboard (Ctrl+Shift+V)</source>
        <translation>Cari nomor atau data pengenal yang ada di clipboard (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste and find</source>
        <translation>Tempel dan cari</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads the clipboard once and looks the identifier up</source>
        <translation>Membaca clipboard sekali dan mencari data pengenalnya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the words of notes and facts instead</source>
        <translation>Cari kata di catatan dan fakta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search notes</source>
        <translation>Cari catatan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching customers</source>
        <translation>Pelanggan yang cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter opens the selected customer</source>
        <translation>Enter membuka pelanggan yang dipilih</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find status</source>
        <translation>Status pencarian</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type any identifier, its last digits or a name; Enter opens an exact identifier, otherwise goes to the list.</source>
        <translation>Ketik identitas apa pun, beberapa angka terakhirnya, atau nama; Enter langsung membuka kalau identitasnya persis cocok, selain itu pindah ke daftar.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{n} of more than {n} — type more to narrow it down</source>
        <translation>{n} dari lebih dari {n} — ketik lebih lengkap untuk mempersempit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No notes or facts contain “{query}”.</source>
        <translation>Tidak ada catatan atau fakta yang memuat “{query}”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 match</source>
        <translation>1 hasil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} matches</source>
        <translation>{n} hasil</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>This number already belongs to another customer. Find them instead.</source>
        <translation>Nomor ini sudah milik pelanggan lain. Cari pelanggan itu saja.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: check the name and the identifier.</source>
        <translation>Tidak tersimpan: periksa nama dan identitasnya.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved. Try again in a moment.</source>
        <translation>Tidak tersimpan. Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>No customer matches “{query}”.</source>
        <translation>Tidak ada pelanggan yang cocok dengan “{query}”.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>New caller: no customer has “{query}” yet. Type their name to create one.</source>
        <translation>Penelepon baru: belum ada pelanggan dengan “{query}”. Ketik namanya untuk membuat pelanggan baru.</translation>
    </message>
</context>
<context>
    <name>GlanceHeader</name>
    <message>
        <location filename="../../copilot/ui/widgets/header.py" line="+119"/>
        <source>Customer at a glance</source>
        <translation>Ringkasan pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit record (Ctrl+Shift+E)</source>
        <translation>Ubah data pelanggan (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit record</source>
        <translation>Ubah data pelanggan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename, change phone, email or account, mark critical facts, merge</source>
        <translation>Ganti nama, ubah telepon, email, atau akun, tandai fakta wajib diperhatikan, gabungkan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The identifier that matched what you searched</source>
        <translation>Identitas yang cocok dengan yang Anda cari</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{nth} contact in 7 days</source>
        <translation>Kontak {nth} dalam 7 hari</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{nth} in 30 days</source>
        <translation>{nth} dalam 30 hari</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overdue promises: {n}</source>
        <translation>Janji terlambat: {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Critical: {fact}</source>
        <translation>Kritis: {fact}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer name</source>
        <translation>Nama pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier that matched</source>
        <translation>Identitas yang cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts in the last 7 days</source>
        <translation>Kontak dalam 7 hari terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts in the last 30 days</source>
        <translation>Kontak dalam 30 hari terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue promises</source>
        <translation>Janji terlambat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical facts</source>
        <translation>Fakta kritis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s signals now</source>
        <translation>Sinyal pelanggan saat ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft must change</source>
        <translation>Draf harus diubah</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+2"/>
        <source>Mr</source>
        <translation>Bapak</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>Ms</source>
        <translation>Ibu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>frustrated</source>
        <translation>kesal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contacting again</source>
        <translation>menghubungi lagi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>urgent</source>
        <translation>mendesak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confused</source>
        <translation>bingung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may leave</source>
        <translation>mungkin berhenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vulnerable</source>
        <translation>rentan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abusive</source>
        <translation>kasar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>going public / regulator</source>
        <translation>mengancam lapor/viral</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Right now: {signals}</source>
        <translation>Saat ini: {signals}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>personal data</source>
        <translation>data pribadi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft must change: {problem}</source>
        <translation>Draf harus diubah: {problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(+{n} more)</source>
        <translation>(+{n} lainnya)</translation>
    </message>
</context>
<context>
    <name>HealthBanner</name>
    <message>
        <location filename="../../copilot/ui/shell/banner.py" line="-171"/>
        <source>The customer database failed its integrity check</source>
        <translation>Database pelanggan gagal dalam pemeriksaan integritas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your notes are safe for now. Tell your team leader now: IT should check the database and restore the newest backup (details below).</source>
        <translation>Catatan Anda aman untuk sementara. Segera sampaikan ke team leader: IT perlu memeriksa database dan memulihkan cadangan terbaru (detail di bawah).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run `copilot check`, then restore the newest backup with `copilot restore BACKUP`.</source>
        <translation>Jalankan `copilot check`, lalu pulihkan cadangan terbaru dengan `copilot restore BACKUP`.</translation>
    </message>
    <message>
        <location line="+194"/>
        <source>Database warning</source>
        <translation>Peringatan database</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../copilot/ui/shell/help_overlay.py" line="+126"/>
        <source>Next / previous control, in the order you see them</source>
        <translation>Kontrol berikutnya / sebelumnya, sesuai urutan yang terlihat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the find box to the matching customers</source>
        <translation>Dari kotak pencarian ke daftar pelanggan yang cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the chosen customer; save a new fact or promise</source>
        <translation>Buka pelanggan yang dipilih; simpan fakta atau janji baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this help</source>
        <translation>Tutup bantuan ini</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Tombol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every action of the panel and its keys</source>
        <translation>Semua tindakan di panel beserta tombolnya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close keyboard help</source>
        <translation>Tutup bantuan keyboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard help</source>
        <translation>Bantuan keyboard</translation>
    </message>
</context>
<context>
    <name>HintCard</name>
    <message>
        <location filename="../../copilot/ui/widgets/now.py" line="+132"/>
        <source>Must</source>
        <translation>Wajib</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Should</source>
        <translation>Sebaiknya</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tip</source>
        <translation>Tips</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Tingkat kepentingan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From the {pack} pack</source>
        <translation>Dari paket {pack}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why: {words}</source>
        <translation>Pemicu: {words}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Less</source>
        <translation>Ringkas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hide details: {title}</source>
        <translation>Sembunyikan detail: {title}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show details: {title}</source>
        <translation>Tampilkan detail: {title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What to do, the checklist and why it matters</source>
        <translation>Apa yang harus dilakukan, daftar periksa, dan alasannya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpin</source>
        <translation>Lepas sematan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin</source>
        <translation>Sematkan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unpin hint: {title}</source>
        <translation>Lepas sematan petunjuk: {title}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin hint: {title}</source>
        <translation>Sematkan petunjuk: {title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pinned hints stay for this contact even when the message changes</source>
        <translation>Petunjuk yang disematkan tetap ada selama kontak ini meski pesannya berubah</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss hint: {title}</source>
        <translation>Abaikan petunjuk: {title}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hides this hint for the rest of this contact</source>
        <translation>Menyembunyikan petunjuk ini sampai kontak ini selesai</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../copilot/ui/widgets/industry.py" line="-53"/>
        <source>Insurance</source>
        <translation>Asuransi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health</source>
        <translation>Kesehatan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telecom</source>
        <translation>Telekomunikasi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logistics</source>
        <translation>Logistik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finance</source>
        <translation>Keuangan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/main_window.py" line="+278"/>
        <source>Copilot</source>
        <translation>Copilot</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Campaign industry</source>
        <translation>Industri kampanye</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The industry of this shift&apos;s campaign; it chooses which hints appear</source>
        <translation>Industri kampanye shift ini; menentukan petunjuk yang muncul</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Campaign industry (Ctrl+Shift+I)</source>
        <translation>Industri kampanye (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Pintasan keyboard (F1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Language, theme, docking edge and always on top</source>
        <translation>Bahasa, tema, sisi layar, dan selalu di atas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dock to</source>
        <translation>Posisi panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the campaign&apos;s industry</source>
        <translation>Pilih industri kampanye</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch language (English / Bahasa Indonesia)</source>
        <translation>Ganti bahasa (English / Bahasa Indonesia)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch theme (system / light / dark)</source>
        <translation>Ganti tema (sistem / terang / gelap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always on top</source>
        <translation>Selalu di atas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name and role…</source>
        <translation>Nama dan peran Anda…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dock to the left edge</source>
        <translation>Letakkan panel di sisi kiri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dock to the right edge</source>
        <translation>Letakkan panel di sisi kanan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the error message</source>
        <translation>Abaikan pesan kesalahan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide the panel to the tray</source>
        <translation>Sembunyikan panel ke baki sistem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the panel</source>
        <translation>Tutup panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit Copilot</source>
        <translation>Keluar dari Copilot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customer memory: this PC only</source>
        <translation>Data pelanggan: hanya di PC ini</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Site: %1 on %2 (%3)</source>
        <translation>Server kantor: %1 di %2 (%3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 brings the panel forward from any program</source>
        <translation>%1 memunculkan panel dari program mana pun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No global shortcut on Linux desktops: start Copilot again (for example from a desktop shortcut) to bring the panel forward.</source>
        <translation>Pintasan global tidak tersedia di desktop Linux: jalankan Copilot lagi (misalnya dari pintasan desktop) untuk memunculkan panel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No global shortcut on this system: %1</source>
        <translation>Tidak ada pintasan global di sistem ini: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not available</source>
        <translation>tidak tersedia</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The translation file is missing; staying in English.</source>
        <translation>Berkas terjemahan tidak ada; tetap dalam bahasa Inggris.</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../copilot/ui/models.py" line="+92"/>
        <source>Outbound</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inbound</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Similar name</source>
        <translation>Nama mirip</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number ends in {digits}</source>
        <translation>Nomor berakhiran {digits}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Create customer “{query}”</source>
        <translation>Buat pelanggan “{query}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No customer matches. Press Enter to create one.</source>
        <translation>Tidak ada pelanggan yang cocok. Tekan Enter untuk membuatnya.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Fact</source>
        <translation>Fakta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact</source>
        <translation>Kontak</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Agent: {agent}</source>
        <translation>Agen: {agent}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outcome: {outcome}</source>
        <translation>Hasil: {outcome}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Helpdesk ref: {ref}</source>
        <translation>Ref. helpdesk: {ref}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Why: {words}</source>
        <translation>Pemicu: {words}</translation>
    </message>
</context>
<context>
    <name>NowController</name>
    <message>
        <location filename="../../copilot/ui/controllers/now.py" line="+162"/>
        <source>New hint: {titles}</source>
        <translation>Petunjuk baru: {titles}</translation>
    </message>
</context>
<context>
    <name>NowWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/now.py" line="+69"/>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste or type the customer&apos;s latest message</source>
        <translation>Tempel atau ketik pesan terakhir pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s latest message</source>
        <translation>Pesan terakhir pelanggan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hints and customer signals appear below as you type</source>
        <translation>Petunjuk dan sinyal pelanggan muncul di bawah saat Anda mengetik</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hints</source>
        <translation>Petunjuk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hints for this message appear here.</source>
        <translation>Petunjuk untuk pesan ini muncul di sini.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No hints</source>
        <translation>Tidak ada petunjuk</translation>
    </message>
</context>
<context>
    <name>Ordinal</name>
    <message>
        <location filename="../../copilot/ui/widgets/common.py" line="+66"/>
        <source>{n}st</source>
        <translation>ke-{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}nd</source>
        <translation>ke-{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}rd</source>
        <translation>ke-{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}th</source>
        <translation>ke-{n}</translation>
    </message>
</context>
<context>
    <name>PageTabs</name>
    <message>
        <location filename="../../copilot/ui/widgets/pages.py" line="+61"/>
        <source>Story</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The customer&apos;s story (Ctrl+1)</source>
        <translation>Riwayat pelanggan (Ctrl+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The customer&apos;s message and hints (Ctrl+2)</source>
        <translation>Pesan pelanggan dan petunjuk (Ctrl+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your reply and its reminders (Ctrl+3)</source>
        <translation>Balasan Anda dan pengingatnya (Ctrl+3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrap-up</source>
        <translation>Rekap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log this contact (Ctrl+4)</source>
        <translation>Catat kontak ini (Ctrl+4)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pages</source>
        <translation>Halaman</translation>
    </message>
</context>
<context>
    <name>PanelWidget</name>
    <message>
        <location filename="../../copilot/ui/panel.py" line="+275"/>
        <location line="+123"/>
        <source>Opening the customer database…</source>
        <translation>Membuka database pelanggan…</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Database status</source>
        <translation>Status database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try opening the database again</source>
        <translation>Coba buka database lagi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retries after you fixed what the message above says</source>
        <translation>Mencoba lagi setelah Anda memperbaiki yang disebut pesan di atas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a customer to see their story. Hints and tone work without one.</source>
        <translation>Cari pelanggan untuk melihat riwayatnya. Petunjuk dan nada tetap berfungsi tanpa pelanggan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer open</source>
        <translation>Belum ada pelanggan yang dibuka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side panel</source>
        <translation>Panel samping</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The clipboard is empty</source>
        <translation>Clipboard kosong</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The draft is empty</source>
        <translation>Draf masih kosong</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Demo data loaded: {n} customers</source>
        <translation>Data demo dimuat: {n} pelanggan</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The customer database is not open yet. The message above says why.</source>
        <translation>Database pelanggan belum terbuka. Pesan di atas menjelaskan sebabnya.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Customer created</source>
        <translation>Pelanggan dibuat</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Long text: kept the first {kept} characters, left out {dropped}</source>
        <translation>Teks panjang: {kept} karakter pertama disimpan, {dropped} sisanya tidak dipakai</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Draft restored</source>
        <translation>Draf dipulihkan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft restored above what you typed</source>
        <translation>Draf dipulihkan di atas teks yang Anda ketik</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+50"/>
        <source>Find or create the customer first</source>
        <translation>Cari atau buat pelanggan dulu</translation>
    </message>
</context>
<context>
    <name>PlaceholderPanel</name>
    <message>
        <location filename="../../copilot/ui/shell/panel_slot.py" line="+55"/>
        <source>The panel could not be loaded.</source>
        <translation>Panel tidak dapat dimuat.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../copilot/ui/shell/profile.py" line="+54"/>
        <source>Your name and role</source>
        <translation>Nama dan peran Anda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name goes on the promises, facts and contacts you save, so your team knows who to ask. You set it once.</source>
        <translation>Nama Anda tercatat pada janji, fakta, dan kontak yang Anda simpan, supaya tim tahu harus bertanya ke siapa. Cukup diisi sekali.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your name, as your team knows you</source>
        <translation>Nama Anda, seperti yang dikenal tim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name</source>
        <translation>Nama Anda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your role</source>
        <translation>Peran Anda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Team leader</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not now</source>
        <translation>Nanti saja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type your name first.</source>
        <translation>Isi nama Anda dulu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem with your name</source>
        <translation>Masalah pada nama Anda</translation>
    </message>
</context>
<context>
    <name>RecordController</name>
    <message>
        <location filename="../../copilot/ui/controllers/record.py" line="+89"/>
        <source>It belongs to another customer. If they are the same person, use Merge below.</source>
        <translation>Ini milik pelanggan lain. Jika orangnya sama, pakai Gabungkan di bawah.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Type the customer&apos;s name.</source>
        <translation>Isi nama pelanggan.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Type a value first.</source>
        <translation>Isi nomor atau alamatnya dulu.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This is the customer&apos;s only phone, email or account. Add another first, or they could not be found again.</source>
        <translation>Ini satu-satunya telepon, email, atau akun pelanggan. Tambahkan yang lain dulu, supaya pelanggan tetap bisa dicari.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the fact first.</source>
        <translation>Isi faktanya dulu.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../copilot/ui/widgets/record.py" line="+55"/>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>National ID</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location line="+192"/>
        <source>Edit record</source>
        <translation>Ubah data pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name and how to address them</source>
        <translation>Nama dan sapaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not known</source>
        <translation>Belum diketahui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to address the customer</source>
        <translation>Sapaan untuk pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer name</source>
        <translation>Nama pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save name</source>
        <translation>Simpan nama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone, email and account</source>
        <translation>Telepon, email, dan akun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind of identifier</source>
        <translation>Jenis nomor kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number or address to add</source>
        <translation>Nomor atau alamat yang ditambahkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New identifier</source>
        <translation>Nomor kontak baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add identifier</source>
        <translation>Tambah nomor kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical facts</source>
        <translation>Fakta wajib diperhatikan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick what is critical: accessibility needs, vulnerability, a legal or regulator complaint. Shown apart from everyday facts.</source>
        <translation>Centang yang wajib diperhatikan: kebutuhan disabilitas, kondisi rentan, keluhan hukum atau ke regulator. Ditampilkan terpisah dari fakta biasa.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a fact…</source>
        <translation>Tambah fakta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New fact</source>
        <translation>Fakta baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical</source>
        <translation>Wajib diperhatikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the new fact critical</source>
        <translation>Tandai fakta baru sebagai wajib diperhatikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add fact</source>
        <translation>Tambah fakta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge with another customer</source>
        <translation>Gabungkan dengan pelanggan lain</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find the duplicate record; its contacts, facts and promises move here.</source>
        <translation>Cari data gandanya; kontak, fakta, dan janjinya pindah ke sini.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name, phone, email or account</source>
        <translation>Nama, telepon, email, atau akun</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Find the customer to merge</source>
        <translation>Cari pelanggan yang akan digabungkan</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers found</source>
        <translation>Pelanggan yang ditemukan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I checked: they are the same person</source>
        <translation>Sudah saya cek: ini orang yang sama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge</source>
        <translation>Gabungkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge the two records</source>
        <translation>Gabungkan kedua data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove {identifier}</source>
        <translation>Hapus {identifier}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Critical: {fact}</source>
        <translation>Wajib diperhatikan: {fact}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Will be saved as {value}</source>
        <translation>Akan disimpan sebagai {value}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a phone number yet: check the digits (and the country code)</source>
        <translation>Belum berupa nomor telepon: cek angkanya (dan kode negaranya)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not an email address yet: it needs a name, @ and a domain</source>
        <translation>Belum berupa alamat email: perlu nama, @, dan domain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the number without anything else</source>
        <translation>Ketik nomornya saja, tanpa tambahan lain</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name saved</source>
        <translation>Nama tersimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved</source>
        <translation>Tersimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fact saved</source>
        <translation>Fakta tersimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged. The other record is gone; everything is here now.</source>
        <translation>Sudah digabungkan. Data yang satunya sudah dihapus; semuanya ada di sini sekarang.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Name not saved.</source>
        <translation>Nama belum tersimpan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not changed.</source>
        <translation>Tidak diubah.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fact not saved.</source>
        <translation>Fakta belum tersimpan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not merged.</source>
        <translation>Tidak digabungkan.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Nobody else matches. Try a phone or an email.</source>
        <translation>Tidak ada pelanggan lain yang cocok. Coba dengan telepon atau email.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Keep: {keep} ({keep_ids})
Merge into it: {other} ({other_ids})
Moves here: identifiers {identifiers}, contacts {contacts}, facts {facts}, promises {promises}. {other}&apos;s record is then removed; the merge is recorded.</source>
        <translation>Dipertahankan: {keep} ({keep_ids})
Digabungkan ke sini: {other} ({other_ids})
Yang pindah ke sini: nomor kontak {identifiers}, kontak {contacts}, fakta {facts}, janji {promises}. Data {other} lalu dihapus; penggabungan ini dicatat.</translation>
    </message>
</context>
<context>
    <name>ReminderCard</name>
    <message>
        <location filename="../../copilot/ui/widgets/draft.py" line="-88"/>
        <source>Personal data in the draft: {kind}</source>
        <translation>Data pribadi di draf: {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the customer needs to see it; never send card numbers or codes.</source>
        <translation>Pastikan pelanggan memang perlu melihatnya; jangan pernah mengirim nomor kartu atau kode.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{span}”: {message}</source>
        <translation>“{span}”: {message}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply suggestion</source>
        <translation>Terapkan saran</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replaces “{span}” with “{new}”</source>
        <translation>Mengganti “{span}” dengan “{new}”</translation>
    </message>
</context>
<context>
    <name>SiteStatusLine</name>
    <message>
        <location filename="../../copilot/ui/widgets/site_status.py" line="+35"/>
        <source>Site offline: saving on this PC</source>
        <translation>Server site offline: disimpan di PC ini</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} waiting to send</source>
        <translation>{n} menunggu dikirim</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending {n} saved to the site…</source>
        <translation>Mengirim {n} data tersimpan ke server site…</translation>
    </message>
</context>
<context>
    <name>StoryController</name>
    <message>
        <location filename="../../copilot/ui/controllers/story.py" line="+89"/>
        <location line="+10"/>
        <source>Fact saved</source>
        <translation>Fakta tersimpan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fact removed</source>
        <translation>Fakta dihapus</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Commitment saved</source>
        <translation>Janji tersimpan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Commitment updated</source>
        <translation>Janji diperbarui</translation>
    </message>
</context>
<context>
    <name>StoryWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="+186"/>
        <source>The story so far</source>
        <translation>Riwayat sejauh ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Pinned facts</source>
        <translation>Fakta yang disematkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a fact… (Enter)</source>
        <translation>Tambah fakta… (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New fact</source>
        <translation>Fakta baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter pins the fact to this customer</source>
        <translation>Enter menyematkan fakta ke pelanggan ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Open commitments</source>
        <translation>Janji yang masih terbuka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a commitment…</source>
        <translation>Tambah janji…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New commitment</source>
        <translation>Janji baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was promised; Enter saves</source>
        <translation>Apa yang dijanjikan; Enter menyimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment due</source>
        <translation>Batas waktu janji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the promise is due</source>
        <translation>Batas waktu janji ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add commitment</source>
        <translation>Tambah janji</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the new commitment with its due date</source>
        <translation>Menyimpan janji baru beserta batas waktunya</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Last contacts</source>
        <translation>Kontak terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter shows the details of a contact</source>
        <translation>Enter menampilkan detail kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact details</source>
        <translation>Detail kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more</source>
        <translation>Tampilkan lebih banyak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more contacts</source>
        <translation>Tampilkan lebih banyak kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loads older contacts into the list</source>
        <translation>Memuat kontak yang lebih lama ke daftar</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../copilot/ui/shell/tray.py" line="+44"/>
        <source>Hide panel</source>
        <translation>Sembunyikan panel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show panel</source>
        <translation>Tampilkan panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Copilot</source>
        <translation>Keluar dari Copilot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copilot side panel</source>
        <translation>Panel samping Copilot</translation>
    </message>
</context>
<context>
    <name>WelcomeWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/welcome.py" line="+44"/>
        <source>Welcome to Copilot</source>
        <translation>Selamat datang di Copilot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find a customer by phone, email, account number or name.</source>
        <translation>Cari pelanggan lewat telepon, email, nomor akun, atau nama.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See their story so far: pinned facts, open promises, last contacts.</source>
        <translation>Lihat riwayatnya: fakta yang disematkan, janji yang terbuka, kontak terakhir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste their message for hints; check your reply&apos;s tone, then copy it.</source>
        <translation>Tempel pesannya untuk mendapat petunjuk; periksa nada balasan Anda, lalu salin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Load demo data</source>
        <translation>Muat data demo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adds 200 made-up customers so you can try the panel</source>
        <translation>Menambahkan 200 pelanggan fiktif agar Anda bisa mencoba panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Start with an empty database</source>
        <translation>Mulai tanpa data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the find box</source>
        <translation>Menampilkan kotak pencarian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading demo data</source>
        <translation>Memuat data demo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo customers written so far</source>
        <translation>Pelanggan demo yang sudah dibuat</translation>
    </message>
</context>
<context>
    <name>WrapUpController</name>
    <message>
        <location filename="../../copilot/ui/controllers/wrapup.py" line="+151"/>
        <source>Issue: {issue}</source>
        <translation>Masalah: {issue}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acted on: {hints}</source>
        <translation>Ditindaklanjuti: {hints}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Promised: {promises}</source>
        <translation>Dijanjikan: {promises}</translation>
    </message>
</context>
<context>
    <name>WrapUpWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/wrapup.py" line="+134"/>
        <source>Wrap-up</source>
        <translation>Rekap panggilan</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/models.py" line="-314"/>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Social media</source>
        <translation>Media sosial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person</source>
        <translation>Tatap muka</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/widgets/wrapup.py" line="+14"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the customer contacted us</source>
        <translation>Cara pelanggan menghubungi kita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose or type how the contact ended</source>
        <translation>Pilih atau ketik bagaimana kontak berakhir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Alasan kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the customer contacted us</source>
        <translation>Alasan pelanggan menghubungi kami</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened (prefilled from the hints)</source>
        <translation>Apa yang terjadi (terisi otomatis dari petunjuk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened in this contact</source>
        <translation>Apa yang terjadi dalam kontak ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New facts, one per line</source>
        <translation>Fakta baru, satu per baris</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New facts</source>
        <translation>Fakta baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each line becomes a pinned fact</source>
        <translation>Setiap baris menjadi fakta yang disematkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New promise to the customer</source>
        <translation>Janji baru kepada pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New commitment</source>
        <translation>Janji baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was promised</source>
        <translation>Apa yang dijanjikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment due</source>
        <translation>Batas waktu janji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the promise is due</source>
        <translation>Batas waktu janji ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Identity verified</source>
        <translation>Identitas sudah diverifikasi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick when you checked the customer&apos;s identity during this contact</source>
        <translation>Centang jika identitas pelanggan sudah Anda cek di kontak ini</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save wrap-up (Ctrl+Enter)</source>
        <translation>Simpan rekap (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save wrap-up</source>
        <translation>Simpan rekap panggilan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs this contact for the customer</source>
        <translation>Mencatat kontak ini untuk pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrap-up status</source>
        <translation>Status rekap panggilan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add your name once so your team sees who saved this.</source>
        <translation>Isi nama Anda sekali saja supaya tim tahu siapa yang menyimpan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add name</source>
        <translation>Isi nama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add your name</source>
        <translation>Isi nama Anda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name goes on the contacts, facts and promises you save</source>
        <translation>Nama Anda tercatat pada kontak, fakta, dan janji yang Anda simpan</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Reason for the contact…</source>
        <translation>Alasan kontak…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Saved</source>
        <translation>Tersimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved — {ordinal} contact in 7 days</source>
        <translation>Tersimpan — kontak {ordinal} dalam 7 hari</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved yet — your text is kept; try again</source>
        <translation>Belum tersimpan — teks Anda tetap ada; coba lagi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already saved by your earlier try. What you changed after it is still here and was not saved.</source>
        <translation>Sudah tersimpan dari percobaan sebelumnya. Perubahan Anda setelah itu masih ada di sini dan belum tersimpan.</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/shell/i18n_extra.py" line="+13"/>
        <source>Resolved</source>
        <translation>Terselesaikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up needed</source>
        <translation>Perlu tindak lanjut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>Dieskalasi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information given</source>
        <translation>Informasi diberikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No answer</source>
        <translation>Tidak ada jawaban</translation>
    </message>
</context>
</TS>
